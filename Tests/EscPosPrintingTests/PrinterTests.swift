import EscPos
import EscPosInMemoryTransport
import EscPosPrinting
import Synchronization
import Testing

/// `Printer` on the in-memory transport: chunking and progress, confirmation, refusal and faults.
@Suite struct PrinterTests {
    static let job: [UInt8] = [0x1B, 0x40] + Array("Hello, printer".utf8) + [0x0A, 0x1D, 0x56, 0x42, 0x00]
    static let fast = Printer.Options(
        replyTimeout: .milliseconds(200),
        writeTimeout: .milliseconds(200),
        confirmationTimeout: .milliseconds(300)
    )

    static var paperOut: PrinterStatus {
        var status = PrinterStatus.ready
        status.isPaperOut = true
        status.isStoppedByPaperEnd = true
        status.isOnline = false
        return status
    }

    @Test func anEpsonPrinterConfirmsAJobWithItsProcessID() async throws {
        let transport = InMemoryTransport(script: .epsonPrinter())
        let printer = Printer(transport: transport, profile: .epsonTMT88VI, options: Self.fast)
        let result = try await printer.send(Self.job)
        #expect(result.delivery == .confirmed(.processID))
        #expect(result.byteCount == Self.job.count)
        // The job, then exactly one GS ( H fn 48 request with a printable four-byte ID.
        let written = transport.writtenBytes
        #expect(written.starts(with: Self.job))
        let request = Array(written.dropFirst(Self.job.count))
        #expect(request.starts(with: [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]))
        #expect(request.count == 11)
        #expect(request.suffix(4).allSatisfy { (0x20...0x7E).contains($0) })
    }

    @Test func eachJobGetsItsOwnProcessIDAndALateAnswerIsNotTakenForTheNext() async throws {
        let transport = InMemoryTransport(script: .epsonPrinter())
        let printer = Printer(transport: transport, profile: .epsonTMT88VI, options: Self.fast)
        try await printer.send(Self.job)
        let firstID = Array(transport.writtenBytes.suffix(4))
        // The printer now answers nothing itself, and an old response for the first ID turns up late.
        transport.setScript(.statusReplies(.ready))
        transport.sendUnprompted([0x37, 0x22] + firstID + [0x00])
        let second = try await printer.send(Self.job)
        let secondID = Array(transport.writtenBytes.suffix(4 + 4).prefix(4))
        #expect(firstID != secondID)
        // No process ID response for the second job: it is only "sent" (the status shows nothing wrong).
        #expect(second.delivery == .sent)
    }

    @Test func aPrinterWithoutProcessIDIsConfirmedByAStatusRoundTrip() async throws {
        let transport = InMemoryTransport(script: .statusReplies(.ready))
        let printer = Printer(transport: transport, profile: .generic80mm, options: Self.fast)
        let result = try await printer.send(Self.job)
        #expect(result.delivery == .confirmed(.statusRoundTrip))
        #expect(result.status?.canPrint == true)
        #expect(transport.writtenBytes == Self.job + [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4])
    }

    @Test func aPrinterThatNeverAnswersLeavesTheJobSent() async throws {
        let transport = InMemoryTransport(script: .silent)
        let printer = Printer(transport: transport, profile: .epsonTMT88VI, options: Self.fast)
        let result = try await printer.send(Self.job)
        #expect(result.delivery == .sent)
    }

    @Test func withoutABackChannelNothingIsAskedAndTheJobIsSent() async throws {
        let transport = InMemoryTransport(hasBackChannel: false, script: .epsonPrinter())
        let printer = Printer(transport: transport, profile: .epsonTMT88VI, options: Self.fast)
        let result = try await printer.send(Self.job)
        #expect(result.delivery == .sent)
        #expect(transport.writtenBytes == Self.job)
    }

    @Test(arguments: [PrinterProfile.generic80mm, .epsonTMT88VI])
    func aPrinterThatReportsPaperOutAfterTheJobIsNotReportedAsPrinted(profile: PrinterProfile) async throws {
        let transport = InMemoryTransport(script: .epsonPrinter(status: Self.paperOut))
        let printer = Printer(transport: transport, profile: profile, options: Self.fast)
        let error = await #expect(throws: TransportError.self) { try await printer.send(Self.job) }
        #expect(error?.code == .printerNotReady)
        #expect(error?.status?.isPaperOut == true)
        #expect(error?.bytesDelivered == Self.job.count)
        #expect(error?.message.contains("not printed") == true)
    }

    @Test func checkingStatusFirstRefusesTheJobBeforeAnyByteIsSent() async throws {
        let transport = InMemoryTransport(script: .statusReplies(Self.paperOut))
        var options = Self.fast
        options.checkStatusBeforePrinting = true
        let printer = Printer(transport: transport, options: options)
        let error = await #expect(throws: TransportError.self) { try await printer.send(Self.job) }
        #expect(error?.code == .printerNotReady)
        #expect(error?.bytesDelivered == 0)
        #expect(!transport.writtenBytes.contains(0x48))  // only DLE EOT requests went out, no job byte
        #expect(transport.writtenBytes.count == 12)
    }

    @Test func jobsGoOutInPiecesOfTheChunkSizeWithProgressAfterEach() async throws {
        let transport = InMemoryTransport(options: TransportOptions(chunkSize: 8), script: .silent)
        let printer = Printer(transport: transport, options: Printer.Options(confirmJobs: false))
        let reports = Mutex<[Printer.SendProgress]>([])
        try await printer.send(Self.job) { progress in reports.withLock { $0.append(progress) } }
        let handed = reports.withLock { $0.map(\.bytesHandedOver) }
        #expect(handed == [8, 16, 24].filter { $0 < Self.job.count } + [Self.job.count])
        #expect(reports.withLock { $0.allSatisfy { $0.totalBytes == Self.job.count } })
        #expect(transport.writtenBytes == Self.job)
    }

    @Test func aStallReportsTheBytesHandedOverBeforeIt() async throws {
        let transport = InMemoryTransport(options: TransportOptions(chunkSize: 4), fault: .stall(afterBytes: 10))
        let printer = Printer(transport: transport, options: Self.fast)
        let error = await #expect(throws: TransportError.self) { try await printer.send(Self.job) }
        #expect(error?.code == .timeout)
        #expect(error?.bytesDelivered == 10)
        #expect(transport.writtenBytes == Array(Self.job.prefix(10)))
    }

    @Test func aResetReportsTheBytesHandedOverAndLaterCallsFail() async throws {
        let transport = InMemoryTransport(options: TransportOptions(chunkSize: 5), fault: .reset(afterBytes: 7))
        let printer = Printer(transport: transport, options: Self.fast)
        let error = await #expect(throws: TransportError.self) { try await printer.send(Self.job) }
        #expect(error?.code == .disconnected)
        #expect(error?.bytesDelivered == 7)
        await #expect(throws: TransportError.self) { try await printer.status() }
    }

    @Test func statusUpdatesFollowAutomaticStatusBackWithoutPolling() async throws {
        var script = InMemoryTransport.Script.statusReplies(.ready)
        // GS a n: the printer answers with its current block at once, as Epson printers do.
        script.rules.append(
            .init(trigger: [0x1D, 0x61], capturing: 1) { n in
                n == [0] ? [] : PrinterStatus.ready.automaticStatusBackBlock
            }
        )
        let transport = InMemoryTransport(script: script)
        let printer = Printer(transport: transport, options: Self.fast)
        var updates = printer.statusUpdates(pollInterval: .seconds(60)).makeAsyncIterator()
        let first = try await updates.next()
        #expect(first?.source == .automaticStatusBack)
        #expect(first?.canPrint == true)
        transport.sendUnprompted(Self.paperOut.automaticStatusBackBlock)
        let second = try await updates.next()
        #expect(second?.isPaperOut == true)
        // Nothing was polled: the only request written is GS a 0F.
        #expect(transport.writtenBytes == [0x1D, 0x61, 0x0F])
    }

    @Test func statusUpdatesPollAPrinterWithoutAutomaticStatusBack() async throws {
        let transport = InMemoryTransport(script: .statusReplies(.ready))
        let printer = Printer(transport: transport, options: Self.fast)
        var updates = printer.statusUpdates(pollInterval: .milliseconds(20)).makeAsyncIterator()
        let first = try await updates.next()
        #expect(first?.source == .realTime)
        #expect(first?.canPrint == true)
        transport.setScript(.statusReplies(Self.paperOut))
        let second = try await updates.next()
        #expect(second?.isPaperOut == true)
    }

    @Test func aJobWaitsForAStatusWatchAndBothSucceed() async throws {
        let transport = InMemoryTransport(script: .epsonPrinter())
        let printer = Printer(transport: transport, profile: .epsonTMT88VI, options: Self.fast)
        let watch = Task {
            var count = 0
            for try await _ in printer.statusUpdates(pollInterval: .milliseconds(5)) {
                count += 1
                if count == 1 { break }
            }
            return count
        }
        let result = try await printer.send(Self.job)
        #expect(result.delivery == .confirmed(.processID))
        #expect(try await watch.value == 1)
    }
}
