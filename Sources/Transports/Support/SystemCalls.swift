#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C calls the device-file transport makes, under names that do not collide with its own
// `read`/`write`/`close` methods (NIO's System.swift does the same).

/// The corresponding C function is `open`.
func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}

/// The corresponding C function is `close`.
func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// The corresponding C function is `read`.
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// The corresponding C function is `write`.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// The corresponding C function is `poll`.
func systemPoll(_ entry: inout pollfd, _ milliseconds: Int32) -> Int32 {
    poll(&entry, 1, milliseconds)
}
