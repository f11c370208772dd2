import type { ComponentChildren, VNode } from 'preact';

/*
 * A labelled control with its hint and its problem message, tied to the control by aria-describedby
 * (hint first, then the problem) and marked aria-invalid while it has a problem.
 */

/** What the control itself must carry: spread it onto the input, select or textarea. */
export interface ControlAttributes {
  readonly id: string;
  readonly name: string;
  readonly 'aria-invalid'?: 'true';
  readonly 'aria-describedby'?: string;
}

/** aria-invalid and aria-describedby for a control, from the ids of its hint and problem (when shown). */
export function describedBy(
  ids: readonly (string | null | undefined)[],
  invalid: boolean,
): Pick<ControlAttributes, 'aria-invalid' | 'aria-describedby'> {
  const shown = ids.filter((id): id is string => Boolean(id));
  return {
    ...(invalid ? { 'aria-invalid': 'true' as const } : {}),
    ...(shown.length > 0 ? { 'aria-describedby': shown.join(' ') } : {}),
  };
}

/** A problem message, its id named by the control's aria-describedby. */
export function FieldProblem(props: { readonly id: string; readonly message: string | null | undefined }) {
  return props.message ? (
    <p id={props.id} class="problem">
      {props.message}
    </p>
  ) : null;
}

export function FieldHint(props: { readonly id: string; readonly children: ComponentChildren }) {
  return (
    <p id={props.id} class="hint">
      {props.children}
    </p>
  );
}

export interface FormFieldProps {
  readonly id: string;
  /** The form field's name; the id when absent. */
  readonly name?: string;
  readonly label: ComponentChildren;
  readonly hint?: string | null;
  /** The problem with what was sent, shown under the hint. */
  readonly problem?: string | null;
  /** The problem message's id; `<id>-problem` when absent. */
  readonly problemId?: string;
  /** Ids of hints outside the field (a fieldset's hint) that describe the control too, read first. */
  readonly alsoDescribedBy?: string;
  /** Where the problem message sits: before the control (default) or after it. */
  readonly problemAfterControl?: boolean;
  /** The control, given the attributes that tie it to its label, hint and problem. */
  readonly children: (control: ControlAttributes) => VNode;
}

/** label, hint, problem and control, in reading order. */
export function FormField(props: FormFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : null;
  const problemId = props.problem ? (props.problemId ?? `${props.id}-problem`) : null;
  const control = props.children({
    id: props.id,
    name: props.name ?? props.id,
    ...describedBy([props.alsoDescribedBy, hintId, problemId], Boolean(props.problem)),
  });
  const problem = problemId ? <FieldProblem id={problemId} message={props.problem} /> : null;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      {hintId ? <FieldHint id={hintId}>{props.hint}</FieldHint> : null}
      {props.problemAfterControl ? null : problem}
      {control}
      {props.problemAfterControl ? problem : null}
    </>
  );
}
