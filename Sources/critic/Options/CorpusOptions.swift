import ArgumentParser
import CriticKit
import Foundation

extension CorpusFormat: ExpressibleByArgument {}

/// Where a corpus is and how to read it; shared by every command that reads reviews.
struct CorpusOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Corpus files or folders (\"-\" or nothing: standard input).",
        discussion: "Formats are detected: a folder of <critic>.txt files, the scale dataset (folders holding subj.*), a folder per critic (one file per review), .tsv, .xml (or content starting with <), else one review per line."))
    var paths: [String] = []

    @Option(help: "Force the format: per-critic-files|scaledata|folder-per-critic|tsv|xml|lines.")
    var format: CorpusFormat?

    @Option(help: "Input encoding, any ICU converter name (windows-1252, ISO-8859-1, Shift_JIS). Default: UTF-8, validated.")
    var encoding: String?

    @Flag(help: "Keep every review that can be recovered from malformed XML (and skip malformed TSV lines); report what was skipped.")
    var recover = false

    @Option(name: .customLong("xml-review-element"), help: "XML: the element holding one review.")
    var xmlReviewElement = "review"

    @Option(name: .customLong("xml-critic"), help: "XML: the critic, a child element NAME or an @attribute (\"\" for none).")
    var xmlCritic = "@critic"

    @Option(name: .customLong("xml-id"), help: "XML: the review id, NAME or @attribute (\"\" for none: the line number).")
    var xmlID = "@id"

    @Option(name: .customLong("xml-text"), help: "XML: the review text, NAME or @attribute.")
    var xmlText = "text"

    @Option(name: .customLong("xml-title"), help: "XML: the title, NAME or @attribute (\"\" for none).")
    var xmlTitle = "title"

    @Option(name: .customLong("xml-rating"), help: "XML: the rating, NAME or @attribute (\"\" for none).")
    var xmlRating = "@rating"

    @Option(name: .customLong("tsv-columns"), help: ArgumentHelp("TSV: what each column holds, in order (critic,id,text; _ ignores a column) or by number (text=3,critic=1). Default: a header line, else critic<TAB>text or critic<TAB>id<TAB>text.", valueName: "columns"))
    var tsvColumns: String?

    func validate() throws {
        _ = try xmlMapping()
        _ = try tsvMapping()
    }

    /// The field mapping the XML options describe.
    func xmlMapping() throws -> XMLFieldMapping {
        func location(_ text: String, _ option: String, optional: Bool = true) throws -> XMLFieldMapping.Location? {
            if text.isEmpty && optional { return nil }
            guard let location = XMLFieldMapping.Location(text) else {
                throw ValidationError("--\(option) '\(text)' is not an XML name; give a child element name such as review_text, or @name for an attribute.")
            }
            return location
        }
        guard XMLFieldMapping.Location(xmlReviewElement).map({ if case .child = $0 { true } else { false } }) == true else {
            throw ValidationError("--xml-review-element '\(xmlReviewElement)' is not an element name; give one such as review.")
        }
        return XMLFieldMapping(reviewElement: xmlReviewElement, critic: try location(xmlCritic, "xml-critic"),
                               id: try location(xmlID, "xml-id"), text: try location(xmlText, "xml-text", optional: false)!,
                               title: try location(xmlTitle, "xml-title"), rating: try location(xmlRating, "xml-rating"))
    }

    /// The TSV columns `--tsv-columns` describes, or nil for the documented layouts.
    func tsvMapping() throws -> TSVColumns? {
        guard let tsvColumns else { return nil }
        switch TSVColumns.parse(tsvColumns) {
        case .success(let mapping): return mapping
        case .failure(let error):
            throw ValidationError("--tsv-columns '\(tsvColumns)': \(error); give the columns in order, such as critic,id,text, or by number, such as text=3,critic=1.")
        }
    }

    /// The reader of the corpus. Checked here, when the corpus is read, rather than in `validate()`:
    /// some commands (eval --model) read no corpus argument at all.
    var reader: CorpusReader {
        get throws {
            if paths.isEmpty && isatty(0) == 1 {
                throw ValidationError("Give a corpus path, or pipe reviews into standard input.")
            }
            return CorpusReader(paths: paths.isEmpty ? ["-"] : paths,
                         options: CorpusReadOptions(format: format, encoding: encoding, recover: recover,
                                                    xml: try xmlMapping(), tsvColumns: try tsvMapping()))
        }
    }

    /// Streams every review to `body`, then prints what was skipped or recovered to stderr
    /// (always with --recover, otherwise only when something was skipped or recovered).
    @discardableResult
    func forEachReview(_ body: (Review) throws(CorpusError) -> Void) throws -> CorpusReadReport {
        let report = try reader.forEach(body)
        if recover || !report.skipped.isEmpty || !report.warnings.isEmpty || !report.recovered.isEmpty {
            printError(report.summary())
        }
        return report
    }
}
