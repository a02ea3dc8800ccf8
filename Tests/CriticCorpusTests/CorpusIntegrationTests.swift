import Foundation
import Testing
@testable import CriticCorpus

/// The readers on the real corpora in ../shared/data (skipped, with a note, when it is absent).
@Suite struct CorpusIntegrationTests {
    @Test(.enabled(if: CorpusTestData.exists("scaledata/scaledata"), "needs ../shared/data/scaledata"))
    func scaledataHasFourCriticsAnd5006Reviews() throws {
        var critics: [String: Int] = [:]
        let report = try CorpusReader(path: CorpusTestData.path("scaledata/scaledata")).forEach { review in
            critics[review.critic ?? "", default: 0] += 1
            #expect(review.rating != nil)
        }
        #expect(report.read == 5006)
        #expect(critics == ["Dennis+Schwartz": 1027, "James+Berardinelli": 1307, "Scott+Renshaw": 902, "Steve+Rhodes": 1770])
    }

    @Test(.enabled(if: CorpusTestData.exists("amazon-mds/books/positive.review"), "needs ../shared/data/amazon-mds"))
    func amazonBooksPositiveRecovers() throws {
        let path = CorpusTestData.path("amazon-mds/books/positive.review")
        var options = CorpusReadOptions(format: .xml, xml: XMLFieldMapping(
            critic: .child("reviewer"), id: .child("unique_id"), text: .child("review_text"),
            title: .child("title"), rating: .child("rating")))
        #expect(throws: CorpusError.malformedXML(path: path, line: 42, column: 1,
                                                 message: "Extra content at the end of the document")) {
            try CorpusReader(path: path, options: options).readAll()
        }
        options.recover = true
        let (reviews, report) = try CorpusReader(path: path, options: options).readAll()
        #expect(report.read == 1000)
        #expect(report.read + report.skipped.count == 1000)
        #expect(reviews[0].critic == "Joseph M")
        #expect(reviews[0].id == "0785758968:one_of_the_best_crichton_novels:joseph_m")
        #expect(reviews[0].rating == "5.0")
        #expect(reviews[0].title == "One of the best Crichton novels")
        #expect(reviews[0].text.hasPrefix("Sphere by Michael Crichton is an excellant novel."))
        #expect(!report.recovered.isEmpty)
    }

    @Test(.enabled(if: CorpusTestData.exists("scaledata/scale_whole_review"), "needs ../shared/data/scaledata"))
    func wholeReviewsNeedWindows1252() throws {
        let root = CorpusTestData.path("scaledata/scale_whole_review")
        let failure: CorpusError?
        do { _ = try CorpusReader(path: root).readAll(); failure = nil } catch { failure = error }
        guard case .invalidUTF8(let path, _, _) = failure else {
            Issue.record("expected invalid UTF-8, got \(String(describing: failure))")
            return
        }
        #expect(path.hasSuffix(".txt"))
        #expect(failure!.description.hasSuffix("(the file may be in another encoding, such as windows-1252)"))
        var copyright = 0
        var accented = 0
        let report = try CorpusReader(path: root, options: CorpusReadOptions(encoding: "windows-1252")).forEach { review in
            if review.text.contains("© ALL RIGHTS RESERVED DENNIS SCHWARTZ") { copyright += 1 }
            if review.text.contains("é") { accented += 1 }
        }
        #expect(report.read == 5006)
        // The exact phrase is in 994 files (LC_ALL=C grep -l $'\xa9 ALL RIGHTS RESERVED DENNIS SCHWARTZ');
        // the data README's 998 counts spacing variants too.
        #expect(copyright == 994)
        #expect(accented > 100)
    }
}
