/// Reads UN/EDIFACT PAXLST files (Advance Passenger Information, WCO/IATA/ICAO API guidelines; directories
/// D02B and D05B): service string advice, interchanges, groups, messages, then each message's flight legs and
/// travellers with their documents. Pure: bytes in, values out.
///
/// For `docguard screen`: tell a PAXLST file by content with `looksLikePaxlst(_:)`, read it with
/// `read(_:asOfYear:)` (or, for flat memory, `PaxlstMessageStream`), then walk `PaxlstFile.messages` and each message's `travellers`: one result per
/// `PaxlstTravelDocument` (input order: message, traveller, document), an `unreadable` result for a document
/// whose `isReadable` is false and for a traveller with no documents (a `NO_DOCUMENT` issue), the `api` object
/// from the message (`flight`, `listKind`, `position`) and the traveller (`role`, `position`). Compare names
/// with MRZ reads through `mrzSurname` / `mrzGivenNames`. Log `PaxlstFile.issues`: their text carries positions
/// and codes, never a traveller's values. `PaxlstGenerator` writes test files with their truth.
public enum PaxlstReader {
    /// Every message of `bytes`, each with every traveller that can be read, and every issue. Two-digit birth
    /// years are judged against the message's flight year, or `asOfYear` when it gives no flight date.
    public static func read(_ bytes: [UInt8], asOfYear: Int) -> PaxlstFile {
        var messages: [PaxlstMessage] = []
        let fileIssues = read(bytes, asOfYear: asOfYear) { messages.append($0) }
        return PaxlstFile(messages: messages, fileIssues: fileIssues)
    }

    /// Hands each message of `bytes` to `body` as soon as it is read, in file order, holding no more than one
    /// message's segments: flat memory for files of any size. Returns the issues outside any message.
    public static func read(
        _ bytes: [UInt8], asOfYear: Int, each body: (PaxlstMessage) throws -> Void
    ) rethrows -> [PaxlstIssue] {
        var stream = PaxlstMessageStream(bytes, asOfYear: asOfYear)
        while let message = stream.next() { try body(message) }
        return stream.fileIssues
    }

    /// `read(_:asOfYear:)` over the UTF-8 bytes of `text`.
    public static func read(_ text: String, asOfYear: Int) -> PaxlstFile {
        read(Array(text.utf8), asOfYear: asOfYear)
    }

    /// True when `bytes` start, after a byte order mark and white space, with `UNA` and six characters, or with
    /// `UNB` or `UNH` followed by the standard data element separator: EDIFACT, not MRZ text or JSON lines.
    public static func looksLikePaxlst(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4096))
        var index = ByteOrderMark.length(in: head)
        while index < head.count, EdifactTokenizer.isLayout(head[index]) { index += 1 }
        guard index + 4 <= head.count, head[index] == UInt8(ascii: "U"), head[index + 1] == UInt8(ascii: "N") else {
            return false
        }
        switch head[index + 2] {
        case UInt8(ascii: "A"):
            return index + 9 <= head.count && EdifactSeparators(una: head[(index + 3)..<(index + 9)]) != nil
        case UInt8(ascii: "B"), UInt8(ascii: "H"): return head[index + 3] == EdifactSeparators.standard.element
        default: return false
        }
    }
}

/// The messages of a PAXLST file one at a time, as the caller asks for them (`next()`), holding no more than one
/// message's segments; `fileIssues` once the stream is done.
public struct PaxlstMessageStream {
    private var tokenizer: EdifactTokenizer
    private var envelope = EdifactEnvelope.Builder(keepsSegments: false)
    /// The reader of the message open in the envelope, fed each content segment as it is placed: no message's
    /// segments are held, only what is read of them.
    private var reader: (position: Int, reader: PaxlstMessageReader)?
    private let asOfYear: Int
    private var finished = false

    /// A stream over `bytes`; two-digit birth years as in `PaxlstReader.read(_:asOfYear:)`.
    public init(_ bytes: [UInt8], asOfYear: Int) {
        tokenizer = EdifactTokenizer(bytes)
        self.asOfYear = asOfYear
    }

    /// The next message in file order, or nil after the last.
    public mutating func next() -> PaxlstMessage? {
        while !finished {
            guard let segment = tokenizer.next() else {
                finished = true
                guard let last = envelope.finish() else { return nil }
                return close(last)
            }
            var closed: PaxlstMessage?
            if let message = envelope.add(segment) { closed = close(message) }
            if let open = envelope.open, reader?.position != open.position {
                reader = (open.position, PaxlstMessageReader.starting(open, asOfYear: asOfYear))
            }
            if let content = envelope.placedContent { reader?.reader.take(content) }
            if let closed { return closed }
        }
        return nil
    }

    /// The message `envelope` closed, read to its end.
    private mutating func close(_ envelope: EdifactMessage) -> PaxlstMessage {
        var read =
            reader?.position == envelope.position
            ? reader!.reader : PaxlstMessageReader.starting(envelope, asOfYear: asOfYear)
        reader = nil
        return read.finished(envelope)
    }

    /// The issues outside any message, in file order: complete once `next()` has returned nil.
    public var fileIssues: [PaxlstIssue] {
        (tokenizer.issues + envelope.issues).enumerated().sorted {
            ($0.element.filePosition ?? Int.max, $0.offset) < ($1.element.filePosition ?? Int.max, $1.offset)
        }.map(\.element)
    }
}
