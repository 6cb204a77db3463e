import { keyLabel, TRANSPOSE_LIMIT } from "../chart/transpose.rules";

/** Semitone buttons either side of the key they lead to ("Key: A (+2)"), and a way back to the written key. */
export function TransposeBar({ songKey, semitones, onChange }: { songKey: string | null; semitones: number; onChange: (n: number) => void }) {
  return (
    <div className="transpose-bar" role="group" aria-label="Transpose">
      <button type="button" className="btn btn-secondary btn-sm transpose-step" onClick={() => onChange(semitones - 1)} disabled={semitones <= -TRANSPOSE_LIMIT} aria-label="Transpose down a semitone">
        <span aria-hidden="true">−</span>
      </button>
      <output className="transpose-key" aria-live="polite" data-testid="transpose-key">
        {keyLabel(songKey, semitones)}
      </output>
      <button type="button" className="btn btn-secondary btn-sm transpose-step" onClick={() => onChange(semitones + 1)} disabled={semitones >= TRANSPOSE_LIMIT} aria-label="Transpose up a semitone">
        <span aria-hidden="true">+</span>
      </button>
      {semitones !== 0 ? (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(0)}>
          Written key
        </button>
      ) : null}
    </div>
  );
}
