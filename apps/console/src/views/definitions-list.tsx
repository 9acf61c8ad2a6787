/** "How each number is counted": the definitions an admin report ships with. */
export function DefinitionsList({ definitions }: { definitions: Record<string, string> | undefined }) {
  if (!definitions) return null;
  return (
    <details>
      <summary>How each number is counted</summary>
      <dl>
        {Object.entries(definitions).map(([term, meaning]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
