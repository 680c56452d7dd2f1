import Foundation
import Hummingbird

/// The cookies the service sets.
enum ServiceCookies {
    /// The session cookie's name.
    static let session = "prevent_session"
    /// The cookie that pairs with the sign-in form's token before a session exists.
    static let signInForm = "prevent_sign_in"

    /// The session cookie: `HttpOnly; SameSite=Strict; Path=/`, and `Secure` unless turned off.
    static func session(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: session, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that removes the session cookie.
    static func clearedSession(secure: Bool) -> Cookie {
        Cookie(name: session, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: secure,
               httpOnly: true, sameSite: .strict)
    }

    /// The sign-in form's paired cookie, valid for 30 minutes.
    static func signInForm(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: signInForm, value: token, maxAge: 30 * 60, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
