import Foundation
import GRDB

/// Why a Foundation file operation or an SQLite (GRDB) call failed, as one short line for a docguard error:
/// the system's reason (`Is a directory`), or SQLite's message without the SQL or its arguments (which can
/// hold document numbers), or a docguard list error's own line; never a Swift type dump such as
/// `NSCocoaErrorDomain error 256`.
public enum SystemErrorReason {
    /// The reason `error` gives, on one line.
    public static func text(_ error: any Error) -> String {
        if let error = error as? ListError { return error.description }
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode)" }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        // Foundation wraps the system's errno in a Cocoa error (on Linux the underlying one is not always
        // an NSError until bridged).
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error {
            return text(underlying)
        }
        return ListError.excerpt(error.localizedDescription)
    }
}
