import Foundation
import Hummingbird

/// Builds the service's responses.
enum Responses {
    /// An HTML page.
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.text)))
    }

    /// A JSON document, keys sorted.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// A `303 See Other` to a path of this service.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    /// A CSV download.
    static func csv(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Decodes a JSON request body read by ``FormTokenMiddleware``.
    static func decode<T: Decodable>(_ type: T.Type, from context: ServiceRequestContext) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: context.body))
        } catch {
            throw ServiceRefusal.malformedRequest
        }
    }
}

/// The body of a JSON error: one generic sentence.
struct APIError: Encodable {
    var error: String
}
