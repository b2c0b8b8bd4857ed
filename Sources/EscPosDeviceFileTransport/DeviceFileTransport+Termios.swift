import EscPosPrinting
import EscPosTransportSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DeviceFileTransport {
    /// Puts a serial line into raw 8-bit mode with the given speed, parity and flow control.
    ///
    /// The corresponding C functions are `tcgetattr`, `cfmakeraw`, `cfsetispeed`, `cfsetospeed` and `tcsetattr`.
    static func configure(fd: Int32, _ options: SerialOptions, uri: PrinterURI) throws {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else {
            let code = errno
            if code == ENOTTY {
                throw TransportError(
                    .invalidURI,
                    "the device is not a serial port; use file:// for printer device files",
                    uri: uri,
                    underlying: Errno(code)
                )
            }
            throw ioError(code, uri: uri, during: "reading the serial settings")
        }
        applyLineSettings(options, to: &settings)
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else {
            throw ioError(errno, uri: uri, during: "applying the serial settings")
        }
    }

    /// Sets raw 8-bit mode, speed, parity and flow control in `settings`.
    static func applyLineSettings(_ options: SerialOptions, to settings: inout termios) {
        cfmakeraw(&settings)
        let speed = speedConstant(options.baudRate)
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD | CS8)
        settings.c_cflag &= ~tcflag_t(CSTOPB)
        switch options.parity {
        case .none:
            settings.c_cflag &= ~tcflag_t(PARENB | PARODD)
        case .even:
            settings.c_cflag |= tcflag_t(PARENB)
            settings.c_cflag &= ~tcflag_t(PARODD)
        case .odd:
            settings.c_cflag |= tcflag_t(PARENB | PARODD)
        }
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        settings.c_cflag &= ~tcflag_t(CRTSCTS)
        switch options.flowControl {
        case .none:
            break
        case .rtscts:
            settings.c_cflag |= tcflag_t(CRTSCTS)
        case .xonxoff:
            settings.c_iflag |= tcflag_t(IXON | IXOFF)
        }
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
    }

    /// The termios speed constant for a baud rate from ``SerialOptions/supportedBaudRates``.
    static func speedConstant(_ baudRate: Int) -> speed_t {
        switch baudRate {
        case 1200: speed_t(B1200)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115200: speed_t(B115200)
        case 230400: speed_t(B230400)
        default: speed_t(B9600)
        }
    }
}
