import Foundation
import Testing
@testable import CriticKit

/// The one JSON form of the reports: snake_case keys, sorted, non-finite figures as null, and
/// what is written reads back.
@Suite struct ReportJSONTests {
    @Test func perplexityReportKeysAreSnakeCaseSortedAndReadBack() throws {
        var report = PerplexityReport()
        report.tokens = 4
        report.oov = 1
        report.sequences = 1
        report.log10Probability = -3
        report.log10ProbabilityExcludingOOV = -2
        let line = try ReportJSON.line(report)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        #expect(line.hasPrefix("{\"log10_probability\":-3,\"log10_probability_excluding_oov\":-2,\"oov\":1,"))
        #expect(line.contains("\"reviews\":1") && line.contains("\"perplexity_excluding_oov\":"))
        let back = try ReportJSON.decoder().decode(PerplexityReport.self, from: Data(line.utf8))
        #expect(back == report)
    }

    @Test func nonFiniteFiguresAreNullAndComeBackAsNaN() throws {
        // No prediction: perplexity 10^(0/0) is NaN, written as null.
        let empty = try ReportJSON.line(PerplexityReport())
        #expect(empty.contains("\"perplexity\":null") && empty.contains("\"perplexity_excluding_oov\":null"))
        let score = CriticScore(critic: "ann", logLikelihood: -.infinity, averageLogProbability: -.infinity,
                                logPrior: -0.5, posterior: 0.25)
        let line = try ReportJSON.line(score)
        #expect(line == "{\"average_log_probability\":null,\"critic\":\"ann\",\"log_likelihood\":null,\"log_prior\":-0.5,\"posterior\":0.25}\n")
        let back = try ReportJSON.decoder().decode(CriticScore.self, from: Data(line.utf8))
        #expect(back.logLikelihood.isNaN && back.logPrior == -0.5 && back.critic == "ann")
    }

    @Test func aFigureOutsideTheRuleFailsInsteadOfWritingInvalidJSON() {
        struct Careless: Encodable { var figure = Double.infinity }
        #expect(throws: EncodingError.self) { try ReportJSON.line(Careless()) }
    }

    @Test func reviewWithoutCriticHasANullCriticAndSlashesStayUnescaped() throws {
        let review = Review(critic: nil, id: "a/b", text: "x")
        #expect(try ReportJSON.line(TokenizedReview(review, tokens: ["x"])) == "{\"critic\":null,\"id\":\"a/b\",\"tokens\":[\"x\"]}\n")
    }

    @Test func scoreLinesAreFlatAndTheTotalIsMarked() throws {
        var figures = PerplexityReport()
        figures.tokens = 2
        figures.sequences = 1
        figures.log10Probability = -1
        figures.log10ProbabilityExcludingOOV = -1
        let score = ReviewScore(critic: "ann", id: "1", figures: figures,
                                tokenScores: [ReviewScore.Token(token: "</s>", log10Probability: -.infinity, oov: false)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try ReportJSON.line(score).utf8)) as? [String: Any])
        #expect(object["critic"] as? String == "ann" && object["tokens"] as? Int == 2)
        let token = try #require((object["token_scores"] as? [[String: Any]])?.first)
        #expect(token["log10_probability"] is NSNull && token["token"] as? String == "</s>")
        let back = try ReportJSON.decoder().decode(ReviewScore.self, from: Data(try ReportJSON.line(score).utf8))
        #expect(back.figures == figures && back.critic == "ann" && back.tokenScores?.first?.log10Probability.isNaN == true)
        let total = try #require(try JSONSerialization.jsonObject(with: Data(try ReportJSON.line(ScoreTotal(figures: figures)).utf8)) as? [String: Any])
        #expect(total["total"] as? Bool == true && total["tokens"] as? Int == 2)
    }

    @Test func evaluationReportReadsBackItsMatrices() throws {
        let corpus = AuthorshipFixtures.twoCritics(reviewsEach: 6, seed: 3)
        var report = try AuthorshipTraining().crossValidate(corpus, folds: 3)
        report.seconds = 1.5
        let line = try ReportJSON.line(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["mode"] as? String == "cross-validation" && object["k"] as? Int == 3)
        #expect((object["folds"] as? [Any])?.count == 3 && object["per_critic"] is [Any])
        let back = try ReportJSON.decoder().decode(EvaluationReport.self, from: Data(line.utf8))
        #expect(back.overall == report.overall && back.folds == report.folds && back.crossValidationFolds == 3 && back.seconds == 1.5)
    }
}
