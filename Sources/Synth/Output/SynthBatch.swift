import Dispatch
import Foundation
import Plumbing

/// Renders a batch of scans on every core and writes each image with its truth file beside it.
public enum SynthBatch {
    /// Writes `options.count` scans below `directory` (`<format>/NNNN.png|jpg` and `.json`); returns
    /// how many were written. Files are the same bytes whatever order the workers finish in.
    public static func write(_ options: SynthOptions, to directory: String) throws -> Int {
        try options.validate()
        // The failure of the lowest-numbered scan that failed, so the reported error does not depend on timing.
        let failure = Locked<(index: Int, error: any Error)?>(nil)
        ParallelWork.forEach(options.count) { index in
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                let scan = try ScanSynthesizer.scan(index: index, options: options)
                try save(Data(scan.imageBytes), to: directory + "/" + scan.relativePath)
                try save(scan.truthFile.encoded(), to: directory + "/" + scan.truthPath)
            } catch {
                failure.withLock { first in
                    if first.map({ index < $0.index }) ?? true { first = (index, error) }
                }
            }
        }
        if let first = failure.withLock({ $0 }) { throw first.error }
        return options.count
    }

    private static func save(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw SynthError.write(path: path, reason: error.localizedDescription)
        }
    }
}
