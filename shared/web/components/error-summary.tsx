/*
 * The problems with the form just sent, above the form: announced at once (role=alert), and the target of
 * `aria-describedby="problems"` for fields that have no message of their own.
 */
export function ErrorSummary(props: { readonly problems: readonly string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div role="alert" class="problem" id="problems">
      <p>Please check the form:</p>
      <ul>
        {props.problems.map((problem) => (
          <li>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
