import EscPos
import EscPosEmulator
import EscPosTransports
import Testing

/// The library's own TCP transport and `Printer` against the virtual printer, in every condition.
@Suite(.timeLimit(.minutes(1))) struct TransportStatusTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var name: String
        var condition: PrinterCondition
        var problems: [String]
        var paperNearEnd: Bool

        var testDescription: String { name }
    }

    static let expectations = [
        Expectation(name: "ready", condition: PrinterCondition(), problems: [], paperNearEnd: false),
        Expectation(
            name: "paper near end",
            condition: PrinterCondition(paperNearEnd: true),
            problems: [],
            paperNearEnd: true
        ),
        Expectation(
            name: "paper out",
            condition: PrinterCondition(paperOut: true),
            problems: ["paperOut", "offline"],
            paperNearEnd: true
        ),
        Expectation(
            name: "cover open",
            condition: PrinterCondition(coverOpen: true),
            problems: ["coverOpen", "offline"],
            paperNearEnd: false
        ),
        Expectation(
            name: "offline",
            condition: PrinterCondition(offline: true),
            problems: ["offline"],
            paperNearEnd: false
        ),
    ]

    @Test(arguments: expectations)
    func printerStatusAndCheckedPrintingFollowTheCondition(_ expectation: Expectation) async throws {
        try await withServer(.init(port: 0, condition: expectation.condition)) { server in
            let uri = try PrinterURI("tcp://127.0.0.1:\(server.port)")
            try await withPrinterTransport(uri) { transport in
                let printer = Printer(
                    transport: transport,
                    profile: .generic80mm,
                    options: .init(checkStatusBeforePrinting: true)
                )
                let status = try await printer.status()
                #expect(status.problems == expectation.problems)
                #expect(status.canPrint == expectation.problems.isEmpty)
                #expect(status.isPaperNearEnd == expectation.paperNearEnd)
                let receipt = Receipt { Text("Checked before printing") }
                if expectation.problems.isEmpty {
                    try await printer.print(receipt)
                } else {
                    let error = await #expect(throws: TransportError.self) { try await printer.print(receipt) }
                    #expect(error?.code == .printerNotReady)
                }
            }
            let jobs = try await waitForJobs(server, count: expectation.problems.isEmpty ? 1 : 0)
            #expect(jobs.map(\.text) == (expectation.problems.isEmpty ? ["Checked before printing\n"] : []))
        }
    }

    @Test func identityNamesTheEmulatedModel() async throws {
        try await withServer(.init(port: 0, profile: .epsonTMT20III)) { server in
            let uri = try PrinterURI("tcp://127.0.0.1:\(server.port)")
            let identity = try await withPrinterTransport(uri) { transport in
                try await Printer(transport: transport, profile: .epsonTMT20III).identity()
            }
            #expect(identity.model == PrinterProfile.epsonTMT20III.name)
            #expect(identity.manufacturer == PrinterProfile.epsonTMT20III.vendor)
        }
    }

    /// The virtual printer answers `GS ( H` function 48 once it has printed the job before it, as an Epson
    /// printer does: several jobs on one connection are each printed and confirmed, in order.
    @Test func processIDRequestsAreAnsweredAfterEachJobIsPrinted() async throws {
        try await withServer(.init(port: 0, profile: .epsonTMT88VI)) { server in
            let uri = try PrinterURI("tcp://127.0.0.1:\(server.port)")
            try await withPrinterTransport(uri) { transport in
                let printer = Printer(transport: transport, profile: .epsonTMT88VI)
                for number in 1...3 {
                    let result = try await printer.print(Receipt { Text("Job \(number)") })
                    #expect(result.job.delivery == .confirmed(.processID))
                    // Confirmed means printed: the job is in the list before the connection ends.
                    #expect(server.jobs.count == number)
                }
            }
            let jobs = try await waitForJobs(server, count: 3)
            #expect(jobs.map(\.text) == ["Job 1\n", "Job 2\n", "Job 3\n"])
            #expect(jobs.allSatisfy { $0.ending == .processIDRequest })
        }
    }

    /// A refusing virtual printer never answers the process ID request; its status then says why.
    @Test func aRefusedJobIsReportedWithTheStatusNotAsPrinted() async throws {
        try await withServer(.init(port: 0, profile: .epsonTMT88VI, condition: PrinterCondition(coverOpen: true))) {
            server in
            let uri = try PrinterURI("tcp://127.0.0.1:\(server.port)")
            try await withPrinterTransport(uri) { transport in
                let printer = Printer(
                    transport: transport,
                    profile: .epsonTMT88VI,
                    options: .init(confirmationTimeout: .seconds(1))
                )
                let error = await #expect(throws: TransportError.self) {
                    try await printer.print(Receipt { Text("Never printed") })
                }
                #expect(error?.code == .printerNotReady)
                #expect(error?.status?.isCoverOpen == true)
            }
        }
    }
}
