import EscPosTransports
import Foundation
import Testing

@Suite struct PrinterStatusTests {
    struct RealTimeCase: CustomTestStringConvertible, Sendable {
        var request: PrinterStatus.RealTimeRequest
        var reply: UInt8
        var check: @Sendable (PrinterStatus) -> Bool
        var name: String
        var testDescription: String { "DLE EOT \(request.rawValue) → \(name)" }
    }

    static let realTimeCases: [RealTimeCase] = [
        .init(
            request: .printer,
            reply: 0x12,
            check: { $0.isOnline == true && $0.isDrawerSensorHigh == false },
            name: "online"
        ),
        .init(request: .printer, reply: 0x16, check: { $0.isDrawerSensorHigh == true }, name: "drawer pin 3 high"),
        .init(request: .printer, reply: 0x1A, check: { $0.isOnline == false }, name: "offline"),
        .init(request: .printer, reply: 0x32, check: { $0.isWaitingForOnlineRecovery == true }, name: "waiting"),
        .init(request: .printer, reply: 0x52, check: { $0.isFeedButtonPressed == true }, name: "FEED pressed"),
        .init(
            request: .offlineCause,
            reply: 0x16,
            check: { $0.isCoverOpen == true && !$0.canPrint },
            name: "cover open"
        ),
        .init(request: .offlineCause, reply: 0x1A, check: { $0.isPaperBeingFed == true }, name: "paper fed"),
        .init(
            request: .offlineCause,
            reply: 0x32,
            check: { $0.isStoppedByPaperEnd == true },
            name: "stopped by paper end"
        ),
        .init(request: .offlineCause, reply: 0x52, check: { $0.hasError == true }, name: "error"),
        .init(request: .errorCause, reply: 0x16, check: { $0.hasRecoverableError == true }, name: "mechanical"),
        .init(
            request: .errorCause,
            reply: 0x1A,
            check: { $0.hasCutterError == true && $0.problems == ["cutterError"] },
            name: "cutter"
        ),
        .init(request: .errorCause, reply: 0x32, check: { $0.hasUnrecoverableError == true }, name: "unrecoverable"),
        .init(
            request: .errorCause,
            reply: 0x52,
            check: { $0.hasAutoRecoverableError == true },
            name: "auto-recoverable"
        ),
        .init(
            request: .paperSensor,
            reply: 0x1E,
            check: { $0.isPaperNearEnd == true && $0.isPaperOut == false },
            name: "near end"
        ),
        .init(
            request: .paperSensor,
            reply: 0x72,
            check: { $0.isPaperOut == true && $0.isPaperNearEnd == false },
            name: "paper out"
        ),
        .init(request: .paperSensor, reply: 0x12, check: { $0.isPaperOut == false && $0.canPrint }, name: "paper ok"),
    ]

    @Test(arguments: realTimeCases)
    func decodesRealTimeReplies(_ example: RealTimeCase) throws {
        let status = try PrinterStatus(realTimeReplies: [example.request: example.reply])
        #expect(example.check(status))
    }

    @Test(arguments: [UInt8(0x00), 0x10, 0x13, 0x92, 0x02, 0xFF, 0x5F])
    func rejectsBytesWithoutTheFixedBits(_ byte: UInt8) {
        #expect(throws: TransportError.self) { try PrinterStatus(realTimeReplies: [.printer: byte]) }
    }

    @Test func fixedBitPatternIsExactlyTheOneEpsonDocuments() {
        let valid = (0...255).map(UInt8.init).filter(PrinterStatus.isRealTimeReply)
        #expect(valid.count == 16)
        #expect(valid.allSatisfy { $0 & 0x01 == 0 && $0 & 0x02 != 0 && $0 & 0x10 != 0 && $0 & 0x80 == 0 })
    }

    @Test func requestBytes() {
        #expect(
            PrinterStatus.RealTimeRequest.allCases.map(\.bytes) == [
                [0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4],
            ]
        )
        #expect(PrinterStatus.enableAutomaticStatusBack() == [0x1D, 0x61, 0x0F])
    }

    @Test func decodesAutomaticStatusBack() throws {
        let status = try PrinterStatus(automaticStatusBack: [0x3C, 0x08, 0x0C, 0x00])
        #expect(status.source == .automaticStatusBack)
        #expect(status.isDrawerSensorHigh == true)
        #expect(status.isOnline == false)
        #expect(status.isCoverOpen == true)
        #expect(status.hasCutterError == true)
        #expect(status.isPaperOut == true)
        #expect(status.isPaperNearEnd == false)
        let fine = try PrinterStatus(automaticStatusBack: [0x10, 0x00, 0x00, 0x00])
        #expect(fine.canPrint)
    }

    @Test(arguments: [[UInt8(0x12), 0, 0, 0], [0x10, 0x80, 0, 0], [0x10, 0, 0x10, 0], [0x10, 0, 0]])
    func rejectsBlocksThatAreNotAutomaticStatusBack(_ bytes: [UInt8]) {
        #expect(throws: TransportError.self) { try PrinterStatus(automaticStatusBack: bytes) }
    }

    @Test func parserTellsRepliesApartByBitPattern() {
        var parser = PrinterReplyParser()
        parser.append([0x10, 0x00, 0x0C])
        #expect(parser.next() == nil, "an incomplete ASB block waits for its last byte")
        parser.append([0x00, 0x12, 0x5F, 0x45, 0x50, 0x53])
        #expect(parser.next() == .automaticStatusBack([0x10, 0x00, 0x0C, 0x00]))
        #expect(parser.next() == .realTimeStatus(0x12))
        #expect(parser.next() == nil, "an information block waits for its NUL")
        parser.append([0x4F, 0x4E, 0x00, 0x20, 0x3D, 0x21, 0x02, 0x00, 0xFF])
        #expect(parser.next() == .information("EPSON"))
        #expect(parser.next() == .byte(0x20))
        #expect(parser.next() == .typeInformation([0x02]))
        #expect(parser.next() == .unknown(0xFF))
        #expect(parser.next() == nil)
        #expect(parser.bufferedCount == 0)
    }

    @Test func statusAndErrorsRoundTripThroughJSONFriendlyCoding() throws {
        var status = try PrinterStatus(realTimeReplies: [.paperSensor: 0x72])
        status.stateReasons = ["media-empty-error"]
        let error = TransportError(
            .printerNotReady,
            "paper out",
            uri: try PrinterURI("tcp://p:9100"),
            bytesDelivered: 0,
            status: status,
            underlying: UnderlyingErrorText("Input/output error (errno 5)")
        )
        let json = try JSONEncoder().encode(error)
        let encoded = try JSONDecoder().decode(TransportError.self, from: json)
        #expect(String(decoding: json, as: UTF8.self).contains("\"code\":\"printerNotReady\""))
        #expect(encoded.code == .printerNotReady)
        #expect(encoded.status == status)
        #expect(encoded.bytesDelivered == 0)
        #expect(encoded.uri == error.uri)
        #expect("\(encoded.underlying.map { "\($0)" } ?? "")".contains("errno 5"))
        #expect(error.description.hasPrefix("printerNotReady (tcp://p:9100): paper out"))
    }
}
