import EscPosTestSupport
import EscPosTransports
import Testing

@Suite(.tags(.network), .timeLimit(.minutes(1)))
struct TCPTransportTests {
    /// Bytes that include every value, so no byte is filtered, escaped or translated on the way.
    static let everyByte: [UInt8] =
        (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) } + (0...255).map { UInt8($0) }

    @Test func deliversBytesExactly() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        try await withPrinterTransport(PrinterURI(server.uri)) { transport in
            try await transport.write(Self.everyByte)
        }
        let connections = try await server.waitForClosedConnections(1)
        #expect(connections == [Self.everyByte])
    }

    @Test func printsAReceiptCompiledForTheProfile() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        let receipt = Receipt {
            Text("Total 12,50 €")
            Cut()
        }
        let expected = try ReceiptCompiler(profile: .epsonTMT88VI).compile(receipt).bytes
        let result = try await withPrinterTransport(PrinterURI(server.uri)) { transport in
            // This recording server never answers, so no confirmation is asked: the bytes are the receipt's only.
            try await Printer(
                transport: transport,
                profile: .epsonTMT88VI,
                options: Printer.Options(confirmJobs: false)
            )
            .print(receipt)
        }
        #expect(result.compiled.bytes == expected)
        #expect(result.job.delivery == .sent)
        #expect(try await server.waitForClosedConnections(1) == [expected])
    }

    @Test func invalidReceiptSendsNothing() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        let receipt = Receipt {
            Text("first line")
            Rule("漢")
        }
        await #expect(throws: EscPosError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                try await Printer(transport: transport).print(receipt)
            }
        }
        #expect(try await server.waitForClosedConnections(1) == [[]])
    }

    @Test func readsStatusOnTheSameConnection() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setStatus(1, [0x16])  // drawer kick-out connector pin 3 high
        server.setStatus(2, [0x16])  // cover open
        server.setStatus(4, [0x7E])  // paper near end + paper out
        let status = try await withPrinterTransport(PrinterURI(server.uri)) { transport in
            try await Printer(transport: transport).status()
        }
        #expect(status.source == .realTime)
        #expect(status.isOnline == true)
        #expect(status.isDrawerSensorHigh == true)
        #expect(status.isCoverOpen == true)
        #expect(status.isPaperNearEnd == true)
        #expect(status.isPaperOut == true)
        #expect(status.problems == ["paperOut", "coverOpen"])
        let connections = try await server.waitForClosedConnections(1)
        #expect(connections == [[0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]])
    }

    @Test func concurrentRequestsDoNotTakeEachOthersReplies() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setStatus(3, [0x1A])  // cutter error
        server.setStatus(4, [0x1E])  // paper near end
        let statuses = try await withPrinterTransport(PrinterURI(server.uri)) { transport in
            let printer = Printer(transport: transport)
            return try await withThrowingTaskGroup(of: PrinterStatus.self) { group in
                for _ in 0..<8 { group.addTask { try await printer.status() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(statuses.count == 8)
        #expect(
            statuses.allSatisfy { $0.hasCutterError == true && $0.isPaperNearEnd == true && $0.isCoverOpen == false }
        )
    }

    @Test func statusSkipsAutomaticStatusBackBlocks() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setUnsolicitedReply([0x18, 0x00, 0x0C, 0x00])  // ASB: offline, paper end
        let (status, automatic) = try await withPrinterTransport(PrinterURI(server.uri)) { transport in
            let printer = Printer(transport: transport)
            let status = try await printer.status()
            return (status, await printer.lastAutomaticStatus)
        }
        #expect(status.isOnline == true)
        #expect(status.isPaperOut == false)
        #expect(automatic?.isOnline == false)
        #expect(automatic?.isPaperOut == true)
    }

    @Test func refusesToPrintWhenPaperIsOut() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setStatus(4, [0x72])
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                let printer = Printer(transport: transport, options: .init(checkStatusBeforePrinting: true))
                try await printer.send([0x1B, 0x40, 0x41, 0x0A])
            }
        }
        #expect(error.code == .printerNotReady)
        #expect(error.status?.isPaperOut == true)
        #expect(error.bytesDelivered == 0)
        let connections = try await server.waitForClosedConnections(1)
        #expect(connections.first?.contains(0x41) == false, "no job byte may be sent after a refusal")
    }

    @Test func statusRequestWithoutAnswerTimesOut() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setStatus(1, [])
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                try await Printer(transport: transport, options: .init(replyTimeout: .milliseconds(300))).status()
            }
        }
        #expect(error.code == .timeout)
    }

    @Test func invalidStatusByteIsRejected() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setStatus(1, [0x00])  // a GS I-style byte, not a DLE EOT reply
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                try await Printer(transport: transport, options: .init(replyTimeout: .milliseconds(300))).status()
            }
        }
        #expect(error.code == .invalidReply, "a byte without the status bit pattern is never taken for status")
    }

    @Test func refusedConnectionIsTyped() async throws {
        let server = try await FakeNetworkPrinter.start()
        let uri = try PrinterURI(server.uri)
        await server.stop()
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(uri) { _ in }
        }
        #expect(error.code == .connectionRefused)
        #expect(error.uri == uri)
    }

    @Test func connectTimeoutWhenThePrinterNeverAnswers() async throws {
        // A listener whose accept queue is full drops new SYNs, like a printer that is off the network.
        let listener = try FullListener()
        defer { listener.close() }
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(
                PrinterURI("tcp://127.0.0.1:\(listener.port)"),
                options: TransportOptions(connectTimeout: .milliseconds(300))
            ) { _ in }
        }
        #expect(error.code == .timeout)
    }

    @Test func peerThatStopsReadingTimesOutWithProgress() async throws {
        let server = try await FakeNetworkPrinter.start(.neverRead)
        defer { Task { await server.stop() } }
        let job = [UInt8](repeating: 0x41, count: 64 << 20)
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                try await transport.write(job, timeout: .milliseconds(500))
            }
        }
        #expect(error.code == .timeout)
        let delivered = try #require(error.bytesDelivered)
        #expect(delivered < job.count)
    }

    @Test func resetMidJobReportsBytesDelivered() async throws {
        let server = try await FakeNetworkPrinter.start(.resetAfter(100_000))
        defer { Task { await server.stop() } }
        let job = [UInt8](repeating: 0x42, count: 64 << 20)
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                try await transport.write(job, timeout: .seconds(5))
            }
        }
        #expect(error.code == .disconnected)
        let delivered = try #require(error.bytesDelivered)
        #expect(delivered < job.count)
    }

    @Test func writeAfterCloseFails() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        let transport = try await openPrinterTransport(PrinterURI(server.uri))
        await transport.close()
        let error = try await #require(throws: TransportError.self) {
            try await transport.write([0x0A])
        }
        #expect(error.code == .closed)
    }

    @Test func cancellingAWriteStopsIt() async throws {
        let server = try await FakeNetworkPrinter.start(.neverRead)
        defer { Task { await server.stop() } }
        // Connect first, so the cancellation surely lands in the write.
        let transport = try await openPrinterTransport(PrinterURI(server.uri))
        let job = [UInt8](repeating: 0x43, count: 64 << 20)
        let task = Task {
            try await transport.write(job, timeout: .seconds(50))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = try await #require(throws: TransportError.self) { try await task.value }
        await transport.close()
        #expect(error.code == .cancelled)
        let delivered = try #require(error.bytesDelivered)
        #expect(delivered < job.count)
    }

    @Test func cancellingAStatusRequestClosesTheConnection() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setStatus(1, [])
        let uri = try PrinterURI(server.uri)
        let task = Task {
            try await withPrinterTransport(uri) { transport in
                try await Printer(transport: transport, options: .init(replyTimeout: .seconds(50))).status()
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = try await #require(throws: TransportError.self) { try await task.value }
        #expect(error.code == .cancelled)
        _ = try await server.waitForClosedConnections(1)
        #expect(server.closedConnections == 1)
    }

    @Test func identityComesFromGSIBlocks() async throws {
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        server.setIdentity(0x42, "EPSON")
        server.setIdentity(0x43, "TM-T88VI")
        server.setIdentity(0x44, "X5YZ012345")
        // 0x41 (firmware) stays unanswered: that field is nil, the others still arrive.
        let identity = try await withPrinterTransport(PrinterURI(server.uri)) { transport in
            try await Printer(transport: transport, options: .init(replyTimeout: .milliseconds(300))).identity()
        }
        #expect(
            identity
                == PrinterIdentity(manufacturer: "EPSON", model: "TM-T88VI", firmware: nil, serialNumber: "X5YZ012345")
        )
    }

    @Test func identityWithoutAnyAnswerTimesOut() async throws {
        // The server answers DLE EOT only; the GS I queries go unanswered and the identity times out cleanly.
        let server = try await FakeNetworkPrinter.start()
        defer { Task { await server.stop() } }
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI(server.uri)) { transport in
                try await Printer(transport: transport, options: .init(replyTimeout: .milliseconds(100))).identity()
            }
        }
        #expect(error.code == .timeout)
    }
}
