#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
package import Darwin
#endif

// The C calls the device-file transport makes, under names that do not collide with its own
// `read`/`write`/`close` methods (NIO's System.swift does the same).

/// The corresponding C function is `open`.
/// `mode` (the permissions of a file `O_CREAT` makes) is read-write for the owner, read for the others.
package func systemOpen(_ path: String, _ flags: Int32, mode: mode_t = 0o644) -> Int32 {
    open(path, flags, mode)
}

/// The corresponding C function is `close`.
package func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// The corresponding C function is `read`.
package func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// The corresponding C function is `write`.
package func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// The corresponding C function is `poll`.
package func systemPoll(_ entry: inout pollfd, _ milliseconds: Int32) -> Int32 {
    poll(&entry, 1, milliseconds)
}
