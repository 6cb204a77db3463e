export default function BandSongsPage() {
  return (
    <div className="empty-state">
      <div className="icon" aria-hidden="true">🎵</div>
      <h2>No songs yet</h2>
      <p>Songs and their recorded takes will live here.</p>
    </div>
  );
}
