// The problems of a refused file, one row each: its line, its column (or the whole line) and
// the reason, in the reader's words; a hint when only the first of them are listed.
export interface LineProblem {
  line: number;
  column: string | null;
  message: string;
}

export function LineProblems({
  problems,
  total,
  testId,
  labels,
}: {
  problems: readonly LineProblem[];
  total: number;
  testId: string;
  labels: { caption: string; line: string; column: string; reason: string; wholeLine: string; truncated: string };
}) {
  return (
    <>
      {problems.length > 0 && (
        <div className="table-wrap">
          <table data-testid={testId}>
            <caption className="visually-hidden">{labels.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.line}</th>
                <th scope="col">{labels.column}</th>
                <th scope="col">{labels.reason}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((e, i) => (
                <tr key={i}>
                  <td className="nowrap">{e.line}</td>
                  <td>{e.column ?? labels.wholeLine}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > problems.length && <p className="hint">{labels.truncated}</p>}
    </>
  );
}
