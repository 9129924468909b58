import Testing

@testable import OCR

@Suite struct ExifOrientationTests {
    /// A side of the displayed picture.
    enum Side { case top, bottom, left, right }

    /// EXIF 2.32 table of tag 0x0112: where the stored 0th row and 0th column lie in the picture as shown.
    static let meanings: [(value: Int, row: Side, column: Side)] = [
        (1, .top, .left), (2, .top, .right), (3, .bottom, .right), (4, .bottom, .left),
        (5, .left, .top), (6, .right, .top), (7, .right, .bottom), (8, .left, .bottom),
    ]

    /// 4 × 3 stored pixels, every one a different level, so any turn or mirror shows.
    static let stored = GrayImage(width: 4, height: 3, pixels: (0..<12).map { UInt8(10 + 20 * $0) })

    @Test("each value puts the stored rows and columns where EXIF says", arguments: meanings)
    func upright(value: Int, row: Side, column: Side) {
        let shown = ExifOrientation(value: value).upright(Self.stored)
        let rowsAcross = row == .top || row == .bottom
        #expect(shown.width == (rowsAcross ? 4 : 3) && shown.height == (rowsAcross ? 3 : 4))
        #expect(shown.pixels.sorted() == Self.stored.pixels)
        func opposite(_ side: Side) -> Side {
            switch side {
            case .top: return .bottom
            case .bottom: return .top
            case .left: return .right
            case .right: return .left
            }
        }
        /// The shown pixel at the corner where two sides meet.
        func corner(_ a: Side, _ b: Side) -> UInt8 {
            let x = a == .right || b == .right ? shown.width - 1 : 0
            let y = a == .bottom || b == .bottom ? shown.height - 1 : 0
            return shown[x, y]
        }
        // The first stored pixel lies where the 0th row meets the 0th column; the rest of that row runs away
        // from the 0th column's side, the rest of that column away from the 0th row's side.
        #expect(corner(row, column) == Self.stored[0, 0])
        #expect(corner(row, opposite(column)) == Self.stored[3, 0])
        #expect(corner(opposite(row), column) == Self.stored[0, 2])
        #expect(corner(opposite(row), opposite(column)) == Self.stored[3, 2])
    }

    @Test("values outside 1…8 leave the picture alone", arguments: [0, 9, -1, 65_535])
    func outOfRange(value: Int) {
        #expect(ExifOrientation(value: value).value == 1)
        #expect(ExifOrientation(value: value).upright(Self.stored) == Self.stored)
    }

    /// JPEG byte streams, from whole files to damaged EXIF blocks.
    enum Stream: String, CaseIterable, CustomTestStringConvertible {
        case bigEndianSix, littleEndianThree, bigEndianEight, afterJFIF, realJPEG, noExif, xmpOnly
        case valueZero, valueNine, segmentLongerThanFile, directoryOutsideBlock, entriesPastTheEnd
        case unknownByteOrder, exifHeaderOnly, zeroLength, notJPEG, afterStartOfScan, empty

        var testDescription: String { rawValue }

        /// The orientation EXIF readers agree on for the stream.
        var expected: Int {
            switch self {
            case .bigEndianSix: return 6
            case .littleEndianThree, .realJPEG: return 3
            case .bigEndianEight, .afterJFIF: return 8
            default: return 1
            }
        }

        func bytes() throws -> [UInt8] {
            let soi: [UInt8] = [0xFF, 0xD8]
            let eoi: [UInt8] = [0xFF, 0xD9]
            switch self {
            case .bigEndianSix: return soi + Exif.segment(orientation: 6, bigEndian: true) + eoi
            case .littleEndianThree: return soi + Exif.segment(orientation: 3, bigEndian: false) + eoi
            case .bigEndianEight: return soi + Exif.segment(orientation: 8, bigEndian: true) + eoi
            case .afterJFIF:
                // JFIF APP0 first (as libjpeg writes it), then the EXIF block.
                let jpeg = try ImageCodec.jpeg(ExifOrientationTests.stored, quality: 90)
                guard jpeg[2] == 0xFF, jpeg[3] == 0xE0 else { throw OCRError.encodeFailed("no JFIF APP0") }
                let app0End = 4 + (Int(jpeg[4]) << 8 | Int(jpeg[5]))
                return Array(jpeg[..<app0End]) + Exif.segment(orientation: 8, bigEndian: false)
                    + Array(jpeg[app0End...])
            case .realJPEG:
                return Exif.spliced(try ImageCodec.jpeg(ExifOrientationTests.stored, quality: 90), orientation: 3)
            case .noExif: return try ImageCodec.jpeg(ExifOrientationTests.stored, quality: 90)
            case .xmpOnly:
                return soi + Exif.app1(Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8)) + eoi
            case .valueZero: return soi + Exif.segment(orientation: 0, bigEndian: true) + eoi
            case .valueNine: return soi + Exif.segment(orientation: 9, bigEndian: false) + eoi
            case .segmentLongerThanFile:
                return Array((soi + Exif.segment(orientation: 6, bigEndian: true)).dropLast(10))
            case .directoryOutsideBlock:
                return soi
                    + Exif.app1(
                        Exif.header + Array("MM\0*".utf8) + [0x7F, 0xFF, 0xFF, 0xF0] + [UInt8](repeating: 0, count: 20))
                    + eoi
            case .entriesPastTheEnd:
                // IFD0 claims 65 535 entries; only one other tag follows before the block ends.
                return soi + Exif.app1(Exif.header + Array("II*\0".utf8) + [8, 0, 0, 0, 0xFF, 0xFF, 0x1A, 0x01])
                    + eoi
            case .unknownByteOrder:
                var segment = Exif.segment(orientation: 6, bigEndian: true)
                segment[10] = 0x58
                segment[11] = 0x58
                return soi + segment + eoi
            case .exifHeaderOnly: return soi + Exif.app1(Exif.header) + eoi
            case .zeroLength: return soi + [0xFF, 0xE1, 0, 0] + Exif.header + [UInt8](repeating: 0, count: 20)
            case .notJPEG: return try ImageCodec.png(ExifOrientationTests.stored)
            case .afterStartOfScan:
                return soi + [0xFF, 0xDA, 0, 2] + Exif.segment(orientation: 6, bigEndian: true) + eoi
            case .empty: return []
            }
        }
    }

    @Test("the orientation is read from the first APP1 Exif segment", arguments: Stream.allCases)
    func parse(stream: Stream) throws {
        #expect(ExifOrientation(jpeg: try stream.bytes()).value == stream.expected)
    }

    @Test func garbageAfterTheExifHeaderNeverCrashes() {
        var state: UInt32 = 2_024
        for round in 0..<300 {
            let body = (0..<(round % 60 + 4)).map { _ in
                state = state &* 1_664_525 &+ 1_013_904_223
                return UInt8(truncatingIfNeeded: state >> 24)
            }
            let order = Array((round % 2 == 0 ? "MM\0*" : "II*\0").utf8)
            let value = ExifOrientation(jpeg: [0xFF, 0xD8] + Exif.app1(Exif.header + order + body)).value
            #expect((1...8).contains(value))
        }
    }

    @Test(
        "a JPEG is decoded upright",
        arguments: [
            (1, 64, 40, "top-left"), (3, 64, 40, "bottom-right"), (6, 40, 64, "top-right"),
            (8, 40, 64, "bottom-left"),
        ])
    func decodedUpright(value: Int, width: Int, height: Int, corner: String) throws {
        // A black block in the stored picture's first corner, the rest light.
        var stored = GrayImage(width: 64, height: 40, fill: 230)
        for y in 0..<16 { for x in 0..<16 { stored[x, y] = 0 } }
        let bytes = Exif.spliced(try ImageCodec.jpeg(stored, quality: 95), orientation: value)
        let shown = try ImageCodec.decodeGray(bytes)
        #expect(shown.width == width && shown.height == height)
        func mean(atRight right: Bool, bottom: Bool) -> Int {
            let xs = right ? (width - 8)..<width : 0..<8
            let ys = bottom ? (height - 8)..<height : 0..<8
            return ys.reduce(0) { sum, y in xs.reduce(sum) { $0 + Int(shown[$1, y]) } } / 64
        }
        for (right, bottom) in [(false, false), (true, false), (false, true), (true, true)] {
            let name = (bottom ? "bottom" : "top") + "-" + (right ? "right" : "left")
            if name == corner {
                #expect(mean(atRight: right, bottom: bottom) < 40, "\(name)")
            } else {
                #expect(mean(atRight: right, bottom: bottom) > 200, "\(name)")
            }
        }
    }
}

/// EXIF APP1 segments put together byte by byte.
enum Exif {
    /// `Exif\0\0`, the APP1 identifier.
    static let header: [UInt8] = Array("Exif".utf8) + [0, 0]

    /// An APP1 segment holding `body`.
    static func app1(_ body: [UInt8]) -> [UInt8] {
        let length = body.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }

    /// An APP1 Exif segment whose IFD0 holds XResolution, then Orientation `orientation`, in the byte order given.
    static func segment(orientation: Int, bigEndian: Bool) -> [UInt8] {
        func bytes(_ value: Int, _ count: Int) -> [UInt8] {
            let little = (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            return bigEndian ? little.reversed() : little
        }
        let tiffHeader = Array((bigEndian ? "MM" : "II").utf8) + bytes(42, 2) + bytes(8, 4)
        let directory =
            bytes(2, 2)
            + bytes(0x011A, 2) + bytes(5, 2) + bytes(1, 4) + bytes(38, 4)  // XResolution: RATIONAL at 38
            + bytes(0x0112, 2) + bytes(3, 2) + bytes(1, 4) + bytes(orientation, 2) + bytes(0, 2)  // SHORT, in place
            + bytes(0, 4)  // no next IFD
        return app1(header + tiffHeader + directory + bytes(300, 4) + bytes(1, 4))
    }

    /// `jpeg` with an Exif segment of `orientation` right after its SOI marker.
    static func spliced(_ jpeg: [UInt8], orientation: Int) -> [UInt8] {
        Array(jpeg[..<2]) + segment(orientation: orientation, bigEndian: orientation % 2 == 0) + Array(jpeg[2...])
    }
}
