export default function Loading() {
  return (
    <div className="stack" role="status" aria-busy="true" aria-label="Loading">
      <div className="skeleton" style={{ width: "40%", height: 32 }} />
      <div className="skeleton" style={{ width: "70%" }} />
      <div className="skeleton" style={{ height: 120 }} />
    </div>
  );
}
