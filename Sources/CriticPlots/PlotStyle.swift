import Foundation

/// Colours shared by the charts.
public enum Palette {
    /// Okabe & Ito's eight colours, distinguishable under the common colour-vision deficiencies
    /// (Okabe & Ito, "Color Universal Design", 2008). Ordered for a white page: yellow and black,
    /// the hardest to tell from the background and from the text, come last.
    public static let okabeIto: [String] = [
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#0072B2", // blue
        "#CC79A7", // reddish purple
        "#F0E442", // yellow
        "#000000", // black
    ]

    /// The colour of category `index` (cycling after eight).
    public static func categorical(_ index: Int) -> String { okabeIto[index % okabeIto.count] }

    /// ColorBrewer's sequential "Blues" (9 classes, Brewer 2003): one hue, so the order of shades
    /// survives colour-vision deficiencies and grey-scale printing.
    static let blues: [(Double, Double, Double)] = [
        (247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
        (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107),
    ]

    /// The sequential colour of `fraction` in 0 ... 1 (0: near white, 1: dark blue), interpolated
    /// between the Blues classes.
    public static func sequential(_ fraction: Double) -> String {
        let rgb = sequentialRGB(fraction)
        return hex(rgb)
    }

    static func sequentialRGB(_ fraction: Double) -> (Double, Double, Double) {
        let t = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let position = t * Double(blues.count - 1)
        let index = min(blues.count - 2, Int(position))
        let local = position - Double(index)
        let (a, b) = (blues[index], blues[index + 1])
        return (a.0 + (b.0 - a.0) * local, a.1 + (b.1 - a.1) * local, a.2 + (b.2 - a.2) * local)
    }

    static func hex(_ rgb: (Double, Double, Double)) -> String {
        func byte(_ v: Double) -> String {
            let value = Int(min(255, max(0, v.rounded())))
            let digits = String(value, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "#" + byte(rgb.0) + byte(rgb.1) + byte(rgb.2)
    }

    /// WCAG 2 relative luminance of an sRGB colour (components 0 ... 255).
    static func relativeLuminance(_ rgb: (Double, Double, Double)) -> Double {
        func linear(_ c: Double) -> Double {
            let s = c / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
    }

    /// Black or white, whichever contrasts more with a background of luminance `luminance`
    /// (WCAG contrast ratio (L₁ + 0.05) / (L₂ + 0.05)).
    static func textColor(onLuminance luminance: Double) -> String {
        let againstBlack = (luminance + 0.05) / 0.05
        let againstWhite = 1.05 / (luminance + 0.05)
        return againstBlack >= againstWhite ? "#000000" : "#FFFFFF"
    }
}

/// Estimated text widths, so that layouts leave room for labels instead of clipping them.
///
/// SVG has no way to measure text before it is rendered; the charts therefore measure with the
/// advance widths of DejaVu Sans (Debian's default sans-serif, used by rsvg-convert), which is
/// wider than Helvetica or Arial, so with those fonts labels only get more room.
enum TextMetrics {
    /// Advance widths of ASCII 32 ... 126 in DejaVu Sans (Book), thousandths of an em.
    private static let regular: [UInt16] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
        636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
        575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
        611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
        278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ]
    /// The same for DejaVu Sans Bold.
    private static let bold: [UInt16] = [
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
        696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
        683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
        724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
        343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    ]

    /// The estimated width of `text` at `size` px. Non-ASCII letters count as 0.75 em, East Asian
    /// ones (from U+2E80) as a full em.
    static func width(_ text: String, size: Double, bold isBold: Bool = false) -> Double {
        let table = isBold ? bold : regular
        var thousandths = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 32...126: thousandths += Int(table[Int(scalar.value) - 32])
            case 0x300...0x36F: break // combining marks take no room
            case 0x2E80...: thousandths += 1000
            default: thousandths += 750
            }
        }
        return Double(thousandths) / 1000 * size
    }
}
