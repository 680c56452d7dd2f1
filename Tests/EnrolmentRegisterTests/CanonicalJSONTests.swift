@testable import EnrolmentRegister
import Foundation
import Testing

struct CanonicalJSONCase: Sendable, CustomStringConvertible {
    let description: String
    let value: CanonicalJSON
    let text: String
}

private let canonicalCases: [CanonicalJSONCase] = [
    CanonicalJSONCase(description: "keys sorted by bytes", value: .object(["b": .integer(1), "a": .null, "B": .integer(2)]),
                      text: #"{"B":2,"a":null,"b":1}"#),
    CanonicalJSONCase(description: "escapes", value: .string("q\"\\\n\t\u{1}é"), text: #""q\"\\\n\t\u0001é""#),
    CanonicalJSONCase(description: "shortest round-trip numbers", value: .array([.number(0.25), .number(1.0 / 3), .number(1)]),
                      text: "[0.25,0.3333333333333333,1.0]"),
    CanonicalJSONCase(description: "nested", value: .object(["p": .numbers(["y": 0.5, "x": 0.5]), "f": .strings([:])]),
                      text: #"{"f":{},"p":{"x":0.5,"y":0.5}}"#),
]

@Test(arguments: canonicalCases)
func canonicalTextIsUnique(_ testCase: CanonicalJSONCase) throws {
    #expect(testCase.value.text == testCase.text)
    // The text is JSON that reads back to the same values.
    #expect(throws: Never.self) {
        try JSONSerialization.jsonObject(with: Data(testCase.text.utf8), options: .fragmentsAllowed)
    }
}

@Test func numbersReadBackToTheSameBits() throws {
    let values = [0.1, 1.0 / 3, 2.0 / 3, 1e-7, 0.125, Double.leastNonzeroMagnitude, 0.7999999999999999]
    let text = CanonicalJSON.numbers(Dictionary(uniqueKeysWithValues: values.enumerated().map { ("\($0.offset)", $0.element) })).text
    let back = try JSONDecoder().decode([String: Double].self, from: Data(text.utf8))
    for (index, value) in values.enumerated() {
        #expect(back["\(index)"]?.bitPattern == value.bitPattern)
    }
}
