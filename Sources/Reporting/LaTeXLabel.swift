/// The LaTeX-like markup of plot labels, converted to SVG text content or to plain Unicode text.
///
/// Understood: `_{...}` and `^{...}` (subscript and superscript, nestable; a single character or a
/// single command without braces, so `m_Z` subscripts `Z` and `x^\alpha` superscripts α), Greek
/// letters by name (`\alpha`…`\omega`, `\Gamma`…`\Omega`, `\varepsilon`, `\varphi`, `\vartheta`),
/// a few symbols (`\pm`, `\mp`, `\times`, `\cdot`, `\rightarrow`, `\to`, `\leftarrow`, `\infty`,
/// `\le`, `\ge`, `\approx`, `\sim`, `\ell`), `\bar` (a combining macron), spaces (`\,`, `\;`,
/// `\ `, `~`), the escapes `\{ \} \_ \^ \$ \% \& \\`, and font commands whose argument is kept
/// as is (`\mathrm{GeV}`, `\text{...}`).
/// Dollar signs (matplotlib's math delimiters) are dropped; an unknown command shows its name. In
/// scripts a hyphen becomes a minus sign. Malformed input (an unclosed brace, a trailing `_`) is
/// rendered as well as it can be, never rejected.
public enum LaTeXLabel {
    /// A piece of a parsed label: plain text, a subscript (`lower`) or a superscript (`upper`).
    indirect enum Node: Equatable {
        case text(String)
        case lower([Node])
        case upper([Node])
    }

    /// The SVG content of a `<text>` element: the text, XML-escaped, with `<tspan>`s for scripts
    /// (`baseline-shift="sub"`/`"super"`, 70 % font size).
    public static func svg(_ label: String) -> String {
        render(parse(label), inScript: false)
    }

    /// The label as plain Unicode text: commands replaced by their symbols, scripts kept inline
    /// without markers (`m_{Z'}` gives `mZ'`). Not escaped.
    public static func plainText(_ label: String) -> String {
        flatten(parse(label))
    }

    /// A rough width in pixels of the rendered label at a font size, for layout (legend boxes, the
    /// margin left of the y tick labels): 0.56 em per character, 0.7 of that inside scripts.
    static func estimatedWidth(_ label: String, fontSize: Double) -> Double {
        func width(_ nodes: [Node], _ scale: Double) -> Double {
            nodes.reduce(0) { sum, node in
                switch node {
                case let .text(s): sum + Double(s.count) * 0.56 * fontSize * scale
                case let .lower(inner), let .upper(inner): sum + width(inner, scale * 0.7)
                }
            }
        }
        return width(parse(label), 1)
    }

    private static func render(_ nodes: [Node], inScript: Bool) -> String {
        nodes.map { node in
            switch node {
            case let .text(s):
                return XML.escape(inScript ? s.replacingOccurrences(of: "-", with: "\u{2212}") : s)
            case let .lower(inner):
                return "<tspan baseline-shift=\"sub\" font-size=\"70%\">" + render(inner, inScript: true) + "</tspan>"
            case let .upper(inner):
                return "<tspan baseline-shift=\"super\" font-size=\"70%\">" + render(inner, inScript: true) + "</tspan>"
            }
        }.joined()
    }

    private static func flatten(_ nodes: [Node]) -> String {
        nodes.map { node in
            switch node {
            case let .text(s): s
            case let .lower(inner), let .upper(inner): flatten(inner)
            }
        }.joined()
    }

    /// Parses a label into text runs and scripts.
    static func parse(_ label: String) -> [Node] {
        var chars = Array(label)[...]
        return parseSequence(&chars, untilBrace: false)
    }

    private static func parseSequence(_ chars: inout ArraySlice<Character>, untilBrace: Bool) -> [Node] {
        var nodes: [Node] = []
        var text = ""
        func flush() {
            if !text.isEmpty { nodes.append(.text(text)); text = "" }
        }
        while let c = chars.popFirst() {
            switch c {
            case "}" where untilBrace:
                flush()
                return nodes
            case "{":
                flush()
                nodes += parseSequence(&chars, untilBrace: true)
            case "_", "^":
                flush()
                let inner = parseScriptArgument(&chars)
                if inner.isEmpty { text.append(c); continue }
                nodes.append(c == "_" ? .lower(inner) : .upper(inner))
            case "\\":
                switch parseCommand(&chars) {
                case let .text(t): text += t
                case let .group(inner): flush(); nodes += inner
                }
            case "$":
                continue
            case "~":
                text += "\u{00A0}"
            default:
                text.append(c)
            }
        }
        flush()
        return nodes
    }

    /// The argument of `_` or `^`: a braced group, a command, or one character.
    private static func parseScriptArgument(_ chars: inout ArraySlice<Character>) -> [Node] {
        guard let next = chars.first else { return [] }
        switch next {
        case "{":
            chars.removeFirst()
            return parseSequence(&chars, untilBrace: true)
        case "\\":
            chars.removeFirst()
            switch parseCommand(&chars) {
            case let .text(t): return t.isEmpty ? [] : [.text(t)]
            case let .group(inner): return inner
            }
        case "}", "_", "^":
            return []
        default:
            chars.removeFirst()
            return [.text(String(next))]
        }
    }

    /// What a command stands for: a text, or (font commands) their parsed argument.
    private enum Command {
        case text(String)
        case group([Node])
    }

    /// Reads a command after a backslash.
    private static func parseCommand(_ chars: inout ArraySlice<Character>) -> Command {
        guard let first = chars.first else { return .text("\\") }
        guard first.isLetter else {
            chars.removeFirst()
            switch first {
            case ",", ";", ":": return .text("\u{2009}")
            case "!": return .text("")
            default: return .text(String(first))
            }
        }
        var name = ""
        while let c = chars.first, c.isLetter, c.isASCII {
            name.append(c)
            chars.removeFirst()
        }
        if let symbol = symbols[name] { return .text(symbol) }
        if name == "bar" || name == "overline" {
            // A combining macron after the argument's first character: \bar\nu gives ν̄.
            var argument = flatten(parseScriptArgument(&chars))
            if let first = argument.first {
                argument = String(first) + "\u{0304}" + argument.dropFirst()
            }
            return .text(argument)
        }
        if ["mathrm", "text", "textrm", "mathit", "mathbf", "textbf", "textit", "mathsf", "rm", "it", "bf"].contains(name) {
            guard chars.first == "{" else { return .text("") }
            chars.removeFirst()
            return .group(parseSequence(&chars, untilBrace: true))
        }
        return .text(name)
    }

    /// Command names and the Unicode text they stand for.
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "rho": "ρ",
        "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ",
        "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "pm": "±", "mp": "∓", "times": "×", "cdot": "·", "rightarrow": "→", "to": "→",
        "leftarrow": "←", "leftrightarrow": "↔", "infty": "∞", "le": "≤", "leq": "≤", "ge": "≥",
        "geq": "≥", "approx": "≈", "sim": "∼", "ell": "ℓ", "prime": "′", "langle": "⟨", "rangle": "⟩",
        "quad": "\u{2003}", "ne": "≠", "neq": "≠", "propto": "∝", "sqrt": "√", "degree": "°",
    ]
}
