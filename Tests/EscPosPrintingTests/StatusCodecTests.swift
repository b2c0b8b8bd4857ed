import EscPosPrinting
import Testing

/// The status byte codec both ways: the bytes a printer sends for a status decode back to that status.
@Suite struct StatusCodecTests {
    /// Every combination of the conditions the replies carry, from a fixed list of interesting ones.
    static var statuses: [PrinterStatus] {
        var result: [PrinterStatus] = []
        for bits in 0..<(1 << 6) {
            var status = PrinterStatus.ready
            status.isOnline = bits & 1 == 0
            status.isCoverOpen = bits & 2 != 0
            status.isPaperOut = bits & 4 != 0
            status.isPaperNearEnd = bits & 8 != 0 || bits & 4 != 0
            status.hasCutterError = bits & 16 != 0
            status.isDrawerSensorHigh = bits & 32 != 0
            result.append(status)
        }
        return result
    }

    @Test func realTimeRepliesDecodeToTheStatusTheyWereBuiltFrom() throws {
        for status in Self.statuses {
            var replies: [PrinterStatus.RealTimeRequest: UInt8] = [:]
            for request in PrinterStatus.RealTimeRequest.allCases {
                let byte = try #require(status.realTimeReply(to: request))
                #expect(PrinterStatus.isRealTimeReply(byte), "0x\(String(byte, radix: 16)) lacks the fixed bits")
                replies[request] = byte
            }
            let decoded = try PrinterStatus(realTimeReplies: replies)
            #expect(decoded.isOnline == status.isOnline)
            #expect(decoded.isCoverOpen == status.isCoverOpen)
            #expect(decoded.isPaperOut == status.isPaperOut)
            #expect(decoded.isPaperNearEnd == status.isPaperNearEnd)
            #expect(decoded.hasCutterError == status.hasCutterError)
            #expect(decoded.isDrawerSensorHigh == status.isDrawerSensorHigh)
            #expect(decoded.canPrint == status.canPrint)
        }
    }

    @Test func automaticStatusBackBlocksDecodeToTheStatusTheyWereBuiltFrom() throws {
        for status in Self.statuses {
            let block = status.automaticStatusBackBlock
            #expect(PrinterStatus.isAutomaticStatusBack(block))
            let decoded = try PrinterStatus(automaticStatusBack: block)
            #expect(decoded.isOnline == status.isOnline)
            #expect(decoded.isCoverOpen == status.isCoverOpen)
            #expect(decoded.isPaperOut == status.isPaperOut)
            #expect(decoded.isPaperNearEnd == status.isPaperNearEnd)
            #expect(decoded.hasCutterError == status.hasCutterError)
            #expect(decoded.canPrint == status.canPrint)
        }
    }

    /// The bytes of the Epson reference: paper end sets bits 5 and 6 of `DLE EOT 4` (`0x72`), near end
    /// bits 2 and 3 (`0x1E`); in an ASB block, paper end is `0C` and near end `03` in byte 3.
    @Test func theBytesAreTheReferenceBytes() {
        var paperOut = PrinterStatus.ready
        paperOut.isPaperOut = true
        #expect(paperOut.realTimeReply(to: .paperSensor) == 0x7E)
        var nearEnd = PrinterStatus.ready
        nearEnd.isPaperNearEnd = true
        #expect(nearEnd.realTimeReply(to: .paperSensor) == 0x1E)
        #expect(PrinterStatus.ready.realTimeReply(to: .printer) == 0x12)
        #expect(PrinterStatus.ready.automaticStatusBackBlock == [0x10, 0x00, 0x00, 0x00])
        #expect(paperOut.automaticStatusBackBlock == [0x10, 0x00, 0x0F, 0x00])
        var coverOpen = PrinterStatus.ready
        coverOpen.isCoverOpen = true
        coverOpen.isOnline = false
        #expect(coverOpen.automaticStatusBackBlock == [0x38, 0x00, 0x00, 0x00])
        #expect(coverOpen.realTimeReply(to: .offlineCause) == 0x16)
    }

    @Test func theParserTakesAProcessIDResponseSplitAcrossReads() {
        var parser = PrinterReplyParser()
        parser.append([0x37, 0x22, 0x41])
        #expect(parser.next() == nil)
        parser.append([0x42, 0x43, 0x44, 0x00, 0x12])
        #expect(parser.next() == .processID([0x41, 0x42, 0x43, 0x44]))
        #expect(parser.next() == .realTimeStatus(0x12))
    }

    @Test func aBlockThatOnlyStartsLikeAProcessIDResponseIsNotOne() {
        var parser = PrinterReplyParser()
        parser.append([0x37, 0x23, 0x41, 0x42, 0x43, 0x44, 0x00])
        #expect(parser.next() == .unknown(0x37))
        var unterminated = PrinterReplyParser()
        unterminated.append([0x37, 0x22, 0x41, 0x42, 0x43, 0x44, 0x01])
        #expect(unterminated.next() == .unknown(0x37))
    }
}
