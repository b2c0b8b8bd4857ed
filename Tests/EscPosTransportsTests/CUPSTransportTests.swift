import EscPosTestSupport
import EscPosTransports
import Testing

@Suite(.tags(.cups), .timeLimit(.minutes(1)))
struct CUPSTransportTests {
    @Test func rawJobArrivesByteExactAndCompletes() async throws {
        let printer = try await FakeNetworkPrinter.start()
        defer { Task { await printer.stop() } }
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("RAWQ", deviceURI: "socket://127.0.0.1:\(printer.port)")
            let job = TCPTransportTests.everyByte + [0x1B, 0x40, 0x00, 0x1B, 0x64, 0x05, 0x1D, 0x56, 0x00]
            try await withPrinterTransport(PrinterURI("cups://RAWQ@\(cups.server)")) { transport in
                try await transport.write(job)
            }
            // write returned, so CUPS reported the job completed: the bytes are already at the printer.
            #expect(printer.connections == [job])
        }
    }

    @Test func printsAReceiptThroughTheQueue() async throws {
        let printer = try await FakeNetworkPrinter.start()
        defer { Task { await printer.stop() } }
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("kitchen", deviceURI: "socket://127.0.0.1:\(printer.port)")
            let receipt = Receipt {
                Text("2 × Soup")
                Cut()
            }
            let result = try await withPrinterTransport(PrinterURI("cups://kitchen@\(cups.server)")) { transport in
                try await Printer(transport: transport, profile: .epsonTMT88VI).print(receipt)
            }
            #expect(printer.connections == [result.compiled.bytes])
            // A CUPS queue has no back channel: nothing is asked after the job, and it is only "sent".
            #expect(result.job.delivery == .sent)
        }
    }

    @Test func listsQueuesWithStateAndDevice() async throws {
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("FRONT", deviceURI: "socket://127.0.0.1:9")
            try cups.addRawQueue("BACK", deviceURI: "socket://127.0.0.1:10")
            let queues = try await CUPSTransport.queues(server: cups.server)
            #expect(Set(queues.map(\.name)) == ["FRONT", "BACK"])
            let front = try #require(queues.first { $0.name == "FRONT" })
            #expect(front.uri == (try PrinterURI("cups://FRONT@\(cups.server)")))
            #expect(front.deviceURI == "socket://127.0.0.1:9")
            #expect(front.status.queueState == "idle")
            #expect(front.status.source == .printQueue)
            #expect(front.makeAndModel != nil)
        }
    }

    @Test func discoveryListsQueuesAndReportsMissingSources() async throws {
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("BAR", deviceURI: "socket://127.0.0.1:9")
            let found = await PrinterDiscovery.discover(includeUSB: false, cupsServer: cups.server)
            #expect(found.failures.isEmpty)
            #expect(found.printers.map(\.uri.description) == ["cups://BAR@\(cups.server)"])
            #expect(found.printers.first?.status?.queueState == "idle")
        }
        let port = try freeLoopbackPort()
        let none = await PrinterDiscovery.discover(includeUSB: false, cupsServer: "127.0.0.1:\(port)")
        #expect(none.printers.isEmpty)
        #expect(none.failures.map(\.code) == [.connectionRefused])
    }

    @Test func queueStatusComesFromCUPS() async throws {
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("Q", deviceURI: "socket://127.0.0.1:9")
            try cups.run("/usr/sbin/cupsdisable", ["-h", cups.server, "Q"])
            let status = try await withPrinterTransport(PrinterURI("cups://Q@\(cups.server)")) { transport in
                try await Printer(transport: transport).status()
            }
            #expect(status.source == .printQueue)
            #expect(status.queueState == "stopped")
            #expect(status.stateReasons.contains("paused"))
        }
    }

    @Test func missingQueueIsTyped() async throws {
        try await PrivateCUPSServer.with { cups in
            let error = try await #require(throws: TransportError.self) {
                try await withPrinterTransport(PrinterURI("cups://NOPE@\(cups.server)")) { _ in }
            }
            #expect(error.code == .deviceNotFound)
            #expect(error.message.contains("NOPE"))
        }
    }

    @Test func unreachableServerIsTyped() async throws {
        let port = try freeLoopbackPort()
        let error = try await #require(throws: TransportError.self) {
            try await withPrinterTransport(PrinterURI("cups://Q@127.0.0.1:\(port)")) { _ in }
        }
        #expect(error.code == .connectionRefused)
    }

    @Test func unreachablePrinterFailsTheJob() async throws {
        let port = try freeLoopbackPort()
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("DEAD", deviceURI: "socket://127.0.0.1:\(port)/?contimeout=2")
            let error = try await #require(throws: TransportError.self) {
                try await withPrinterTransport(PrinterURI("cups://DEAD@\(cups.server)")) { transport in
                    try await transport.write([0x1B, 0x40, 0x41, 0x0A], timeout: .seconds(30))
                }
            }
            #expect(error.code == .jobFailed)
            #expect(error.status?.source == .printQueue)
        }
    }

    @Test func cancellingTheTaskCancelsTheJob() async throws {
        let port = try freeLoopbackPort()
        try await PrivateCUPSServer.with { cups in
            // A printer that never answers keeps the job processing until it is cancelled.
            try cups.addRawQueue("SLOW", deviceURI: "socket://127.0.0.1:\(port)/?contimeout=30")
            let uri = try PrinterURI("cups://SLOW@\(cups.server)")
            let task = Task {
                try await withPrinterTransport(uri) { transport in
                    try await transport.write([0x41, 0x0A], timeout: .seconds(50))
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            task.cancel()
            let error = try await #require(throws: TransportError.self) { try await task.value }
            #expect(error.code == .cancelled)
            let notCompleted = try cups.run(
                "/usr/bin/lpstat",
                ["-h", cups.server, "-W", "not-completed", "-o", "SLOW"]
            )
            #expect(notCompleted.isEmpty, "the job must be cancelled on the server: \(notCompleted)")
        }
    }

    @Test func readIsUnsupported() async throws {
        try await PrivateCUPSServer.with { cups in
            try cups.addRawQueue("Q", deviceURI: "socket://127.0.0.1:9")
            let error = try await #require(throws: TransportError.self) {
                try await withPrinterTransport(PrinterURI("cups://Q@\(cups.server)")) { transport in
                    try await transport.read(upTo: 1, timeout: .seconds(1))
                }
            }
            #expect(error.code == .unsupported)
        }
    }
}
