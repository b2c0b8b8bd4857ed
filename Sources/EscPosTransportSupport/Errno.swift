#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An operating-system error number with its text.
package struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C `errno` value.
    package var rawValue: Int32

    /// Wraps an error number.
    package init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The system's text for the error, such as "Permission denied".
    package var description: String {
        String(cString: strerror(rawValue)) + " (errno \(rawValue))"
    }
}
