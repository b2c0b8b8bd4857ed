#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An operating-system error number with its text.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C `errno` value.
    public var rawValue: Int32

    /// Wraps an error number.
    public init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The system's text for the error, such as "Permission denied".
    public var description: String {
        String(cString: strerror(rawValue)) + " (errno \(rawValue))"
    }
}
