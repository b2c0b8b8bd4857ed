/// Encodes Unicode text into a profile's code pages, switching pages only when it must.
///
/// When the current page lacks a character, the encoder looks ahead and selects the page that covers
/// the longest stretch of the text from there (earlier pages in the profile win ties). That greedy
/// "furthest reach" choice needs the fewest switches, so a line one page can encode never gets three
/// `ESC t` commands, and "€" alone picks a Latin page rather than whichever page happens to come first.
struct CodePageEncoder {
    let slots: [PrinterProfile.CodePageSlot]
    let command: PrinterProfile.CodePageCommand
    let replacement: UInt8
    let defaultSlot: Int?
    /// The index into ``slots`` of the page the printer is in, or `nil` when unknown.
    private(set) var current: Int? {
        didSet {
            currentPage = current.map { slots[$0].page }
            currentIsASCIICompatible = currentPage?.isASCIICompatible ?? false
        }
    }
    /// The current page itself and whether it prints ASCII unchanged: the per-character fast path.
    private var currentPage: CodePage?
    private var currentIsASCIICompatible = false

    init(profile: PrinterProfile) {
        slots = profile.codePages
        command = profile.codePageCommand
        replacement = UInt8(truncatingIfNeeded: profile.replacementCharacter.unicodeScalars.first?.value ?? 0x3F)
        defaultSlot = profile.codePages.firstIndex { $0.number == profile.defaultCodePage }
        current = defaultSlot
        currentPage = defaultSlot.map { slots[$0].page }
        currentIsASCIICompatible = currentPage?.isASCIICompatible ?? false
    }

    /// Whether printable ASCII goes out unchanged right now (the current page is known and ASCII-compatible).
    var printsASCIIUnchanged: Bool { currentIsASCIICompatible }

    /// Forgets the current page (after raw bytes) or resets it to the power-on page (after `ESC @`).
    mutating func reset(known: Bool) {
        current = known ? defaultSlot : nil
    }

    /// Appends `text` encoded, with any page switches, to `output`. Appends to `unencodable` each scalar
    /// no page has; it is replaced with the profile's replacement character (twice for a wide character,
    /// so column layouts stay aligned).
    mutating func encode(
        _ text: ArraySlice<Unicode.Scalar>,
        into output: inout [UInt8],
        unencodable: inout [Unicode.Scalar]
    ) {
        var index = text.startIndex
        let outputStart = output.count
        var triedWholeRun = false
        while index < text.endIndex {
            if currentIsASCIICompatible {
                // Copy the run of printable ASCII in one append: most receipt text is nothing else.
                let start = index
                let copied: Int = text.withUnsafeBufferPointer { scalars in
                    let base = start - text.startIndex
                    var end = base
                    while end < scalars.count, scalars[end].value &- 0x20 < 0x5F { end += 1 }
                    let count = end - base
                    if count > 0 {
                        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { bytes in
                            for offset in 0..<count {
                                bytes[offset] = UInt8(truncatingIfNeeded: scalars[base + offset].value)
                            }
                            output.append(contentsOf: bytes)
                        }
                    }
                    return count
                }
                if copied > 0 {
                    index += copied
                    continue
                }
            }
            let scalar = text[index]
            if let byte = currentPage?.byte(for: scalar) {
                output.append(byte)
                index += 1
                continue
            }
            // The first miss after some characters: if one page covers the whole run, print all of it on
            // that page (same number of switches, but the run never straddles two pages).
            if !triedWholeRun, index > text.startIndex {
                triedWholeRun = true
                if let whole = bestSlot(for: text), whole.reach == text.count {
                    output.removeSubrange(outputStart...)
                    select(whole.slot, into: &output)
                    index = text.startIndex
                    continue
                }
            }
            triedWholeRun = true
            if let best = bestSlot(for: text[index...]) {
                select(best.slot, into: &output)
                continue
            }
            unencodable.append(scalar)
            if current == nil, let defaultSlot { select(defaultSlot, into: &output) }
            output.append(replacement)
            if CharacterWidth.columns(of: scalar) == 2 { output.append(replacement) }
            index += 1
        }
    }

    /// Selects the page at `slot` now (used to restore the default at the end of a receipt).
    mutating func select(_ slot: Int, into output: inout [UInt8]) {
        switch command {
        case .escT:
            output.append(ControlCode.esc)
            output.append(ESCFunction.selectCodePage.rawValue)
        case .escGSt:
            output.append(ControlCode.esc)
            output.append(ESCFunction.starExtension.rawValue)
            output.append(ESCFunction.selectCodePage.rawValue)
        }
        output.append(slots[slot].number)
        current = slot
    }

    private func bestSlot(for text: ArraySlice<Unicode.Scalar>) -> (slot: Int, reach: Int)? {
        var best: Int?
        var bestReach = 0
        for slot in slots.indices {
            let page = slots[slot].page
            var reach = 0
            for scalar in text {
                guard page.byte(for: scalar) != nil else { break }
                reach += 1
            }
            if reach > bestReach {
                best = slot
                bestReach = reach
            }
        }
        return best.map { ($0, bestReach) }
    }
}
