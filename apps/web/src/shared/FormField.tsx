/**
 * One labelled text field of a record form (items, mappings): its hint and its problem are tied to the
 * input by aria-describedby, and a problem marks the input invalid, so a screen reader hears why.
 */
export function FormField({
  formId,
  name,
  label,
  value,
  problem,
  hint,
  inputMode,
  disabled,
  onChange,
  type = 'text',
  autoComplete = 'off',
}: {
  /** The form's useId(): the field's ids are built from it and the name. */
  formId: string;
  name: string;
  label: string;
  value: string;
  problem?: string;
  hint?: string;
  inputMode?: 'numeric' | 'decimal';
  disabled: boolean;
  onChange: (value: string) => void;
  /** password hides what is typed. */
  type?: 'text' | 'password';
  /** e.g. username, current-password, new-password: lets password managers help. */
  autoComplete?: string;
}) {
  const inputId = `${formId}-${name}`;
  const problemId = `${inputId}-problem`;
  const hintId = `${inputId}-hint`;
  const described = [problem ? problemId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type={type}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        inputMode={inputMode}
        autoComplete={autoComplete}
        disabled={disabled}
      />
      {hint && (
        <span id={hintId} className="muted small">
          {hint}
        </span>
      )}
      {problem && (
        <span id={problemId} className="field-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
