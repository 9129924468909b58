/// What a JPEG's markers say: components of its frame, the Adobe APP14 transform, whether JFIF is there.
struct JPEGMarkers {
    var components: Int?
    var adobeTransform: Int?
    var hasJFIF = false

    init(_ bytes: [UInt8]) {
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF {
            let marker = bytes[i + 1]
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            let body = Array(bytes[(i + 4)..<min(bytes.count, i + 2 + length)])
            switch marker {
            case 0xE0 where body.starts(with: Array("JFIF".utf8)): hasJFIF = true
            case 0xEE where body.starts(with: Array("Adobe".utf8)) && body.count >= 12: adobeTransform = Int(body[11])
            case 0xC0, 0xC1, 0xC2: components = body.count >= 6 ? Int(body[5]) : nil
            default: break
            }
            if marker == 0xDA { break }
            i += 2 + length
        }
    }
}
