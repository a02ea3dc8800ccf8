import Foundation
import Testing

/// `critic train`, `critic score`, `critic perplexity`, run as a subprocess.
@Suite struct LanguageModelCLITests {
    typealias Folder = CorpusCLITests.Folder

    static let corpus = """
    the film is a quiet triumph .
    the film is loud and long .
    a quiet film , a long triumph .
    the cast is loud .
    """

    @Test func trainThenPerplexityAsJSON() throws {
        let folder = try Folder()
        let text = try folder.write("train.txt", Self.corpus + "\n")
        let model = folder.path + "/m.lm"
        let train = try CLI.run(["train", "--format", "lines", "--pretokenized", text, "-o", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("warning"))  // four reviews: the discounts fall back, with a warning
        let result = try CLI.run(["perplexity", "--pretokenized", "--format", "lines", "-m", model, "--json"],
                                 stdin: "the film is long .\nan unknown word .\n")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["tokens"] as? Int == 11)  // 5 + 4 words, 2 × </s>
        #expect(object["oov"] as? Int == 3)   // an, unknown, word
        let perplexity = try #require(object["perplexity"] as? Double)
        let excluding = try #require(object["perplexity_excluding_oov"] as? Double)
        #expect(perplexity > 1 && excluding > 1 && excluding < perplexity)
    }

    @Test func arpaOutputLoadsBackWithTheSameScores() throws {
        let folder = try Folder()
        let text = try folder.write("train.txt", Self.corpus + "\n")
        for output in ["m.lm", "m.arpa"] {
            #expect(try CLI.run(["train", "--format", "lines", text, "-o", folder.path + "/" + output]).status == 0)
        }
        let binary = try CLI.run(["score", "--format", "lines", "-m", folder.path + "/m.lm"], stdin: "The film is quiet.\n")
        let arpa = try CLI.run(["score", "--format", "lines", "-m", folder.path + "/m.arpa"], stdin: "The film is quiet.\n")
        #expect(binary.status == 0 && arpa.status == 0)
        #expect(binary.stdout.split(separator: "\n").count == 3)  // header, one review, total
        // the same model, to the precision of the printed log10 values
        let values = [binary, arpa].map { Double($0.stdout.split(separator: "\n")[1].split(separator: "\t")[4])! }
        #expect(abs(values[0] - values[1]) < 1e-4)
        let arpaText = try String(contentsOfFile: folder.path + "/m.arpa", encoding: .utf8)
        #expect(arpaText.hasPrefix("\\data\\\nngram 1="))
    }

    @Test func badModelFilesAndOptionsFailWithOneSentence() throws {
        let folder = try Folder()
        let text = try folder.write("train.txt", Self.corpus + "\n")
        let model = folder.path + "/m.lm"
        #expect(try CLI.run(["train", "--format", "lines", text, "-o", model]).status == 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: model)))
        bytes[bytes.count / 2] ^= 0x10
        let corrupt = try folder.write("corrupt.lm", bytes)
        let result = try CLI.run(["perplexity", "--format", "lines", "-m", corrupt], stdin: "the film\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("corrupt.lm"))
        #expect(result.stderr.contains("checksum"))
        let truncated = try folder.write("truncated.lm", Array(bytes.prefix(40)))
        #expect(try CLI.run(["perplexity", "--format", "lines", "-m", truncated], stdin: "x\n").status == 1)
        let order = try CLI.run(["train", "--format", "lines", text, "-o", model, "--order", "7"])
        #expect(order.status != 0)
        #expect(order.stderr.contains("--order must be 1 to 5"))
        let arpaMLE = try CLI.run(["train", "--format", "lines", text, "-o", folder.path + "/x.arpa", "--estimator", "mle"])
        #expect(arpaMLE.status != 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/x.arpa"))
    }

    @Test func mleAndAddKModels() throws {
        let folder = try Folder()
        let text = try folder.write("train.txt", Self.corpus + "\n")
        for estimator in ["mle", "addk"] {
            let model = folder.path + "/\(estimator).lm"
            #expect(try CLI.run(["train", "--format", "lines", "--pretokenized", text, "-o", model, "--estimator", estimator, "--k", "0.5"]).status == 0)
            let seen = try CLI.run(["perplexity", "--format", "lines", "--pretokenized", "-m", model, "--json"], stdin: "the film is loud and long .\n")
            let object = try JSONSerialization.jsonObject(with: Data(seen.stdout.utf8)) as! [String: Any]
            #expect((object["perplexity"] as? Double).map { $0 > 1 } == true)
            let unseen = try CLI.run(["perplexity", "--format", "lines", "--pretokenized", "-m", model, "--json"], stdin: "long film the\n")
            let unseenObject = try JSONSerialization.jsonObject(with: Data(unseen.stdout.utf8)) as! [String: Any]
            // MLE gives an unseen trigram probability 0: infinite perplexity, printed as null
            #expect((unseenObject["perplexity"] is NSNull) == (estimator == "mle"))
        }
    }
}
