import { Fragment } from "react";
import { chartWords, type Chart, type ChartLine } from "../chart/chart.rules";

/**
 * A song chart: sections, and lyric lines as words whose pieces stand under their chords.
 * Each chord and its syllable are one inline block, and a word is one block too, so a
 * long line wraps between words and every chord stays above its syllable.
 */
export function ChordChart({ chart, stage = false, label = "Lyrics and chords" }: { chart: Chart; stage?: boolean; label?: string }) {
  return (
    <div className={stage ? "chart chart-stage" : "chart"} role="group" aria-label={label} data-testid="sheet-lyrics">
      {chart.title || chart.subtitle ? (
        <div className="chart-head">
          {chart.title ? <p className="chart-title">{chart.title}</p> : null}
          {chart.subtitle ? <p className="chart-subtitle">{chart.subtitle}</p> : null}
        </div>
      ) : null}
      {chart.sections.map((section, i) => (
        <section key={i} className={`chart-section chart-${section.kind}`} data-testid="chart-section">
          {section.label ? <p className="chart-section-label">{section.label}</p> : null}
          {section.lines.map((line, j) => (
            <ChartLineView key={j} line={line} />
          ))}
        </section>
      ))}
    </div>
  );
}

function ChartLineView({ line }: { line: ChartLine }) {
  switch (line.kind) {
    case "blank":
      return <div className="chart-blank" aria-hidden="true" />;
    case "comment":
      return <p className="chart-comment">{line.text}</p>;
    case "verbatim":
      return <pre className="chart-verbatim">{line.text}</pre>;
    case "lyrics": {
      const words = chartWords(line.pairs);
      const chordsOnly = line.pairs.every((p) => p.text.trim() === "");
      return (
        <p className={chordsOnly ? "chart-line chart-chords-only" : "chart-line"}>
          {words.map((word, i) => (
            <Fragment key={i}>
              <span className="chart-word">
                {word.map((piece, k) =>
                  piece.chord !== null ? (
                    <span key={k} className="chart-col" data-testid="chart-col">
                      <span className="chart-chord" data-testid="chart-chord">
                        {piece.chord}
                      </span>
                      {chordsOnly ? null : (
                        <span className="chart-lyric" data-testid="chart-syllable">
                          {piece.text || "\u00a0"}
                        </span>
                      )}
                    </span>
                  ) : (
                    <span key={k} className="chart-lyric">
                      {piece.text}
                    </span>
                  ),
                )}
              </span>
              {i < words.length - 1 ? " " : null}
            </Fragment>
          ))}
        </p>
      );
    }
  }
}
