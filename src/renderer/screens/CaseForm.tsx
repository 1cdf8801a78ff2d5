import { useEffect, useState } from 'react';
import { useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { caseDataOf, CASE_CATEGORIES, CUSTODY_PLACES, GENDERS, mergePatchBetween, type CaseRecord } from '../../core/case-model.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';
import { maskName } from '../format.js';
import { emptyCaseForm, fromCase, toCaseInput, validateCaseForm, type CaseFormValues } from './case-form-values.js';

/** react-hook-form's errors are nested objects; the case model reports dotted paths. */
const caseResolver: Resolver<CaseFormValues> = async (values) => {
  const { errors } = validateCaseForm(values);
  if (!errors) return { values, errors: {} };
  const nested: Record<string, unknown> = {};
  for (const [path, key] of Object.entries(errors)) {
    const parts = path.split('.');
    let node = nested;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = { type: 'validate', message: key };
  }
  return { values: {}, errors: nested as never };
};

type Props = { caseId?: string; navigate: Navigate; setDirty: (dirty: boolean) => void; district: string };

export function CaseFormScreen(props: Props) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    if (props.caseId) call('case.get', { id: props.caseId }).then(setRecord, setLoadError);
  }, [props.caseId]);
  if (loadError) return <ErrorBanner error={loadError} />;
  if (props.caseId && !record) return <Spinner label={t('app.loading')} />;
  return <CaseForm {...props} record={record} />;
}

function CaseForm({ record, navigate, setDirty, district }: Props & { record: CaseRecord | null }) {
  const { t } = useTranslation();
  const form = useForm<CaseFormValues>({
    defaultValues: record ? fromCase(record) : emptyCaseForm(district),
    resolver: caseResolver,
    // Validate on save, then as fields are corrected: errors appearing on blur would shift the Save button
    // from under the pointer between press and release.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, watch, formState } = form;
  const [saveError, setSaveError] = useState<unknown>(null);
  const category = watch('category');
  const similar = useSimilarChildren(
    { name: watch('child.name'), bForm: watch('child.bForm'), fatherName: watch('child.fatherName'), age: watch('child.claimedAge'), dateOfBirth: watch('child.dateOfBirth') },
    record?.id,
  );
  const [showSimilarNames, setShowSimilarNames] = useState(false);

  useEffect(() => setDirty(formState.isDirty), [formState.isDirty, setDirty]);

  const save = handleSubmit(async (values) => {
    setSaveError(null);
    try {
      const input = toCaseInput(values);
      if (record) {
        // The form does not edit referrals (the case screen does), so they stay out of the patch.
        const { referrals: _referrals, ...before } = caseDataOf(record);
        const patch = mergePatchBetween(before as Record<string, unknown>, input);
        const { id, revision } = record;
        await call('case.update', { id, patch, expectedRevision: revision });
        setDirty(false);
        navigate({ name: 'case', id });
      } else {
        const created = await call('case.create', input as never);
        setDirty(false);
        navigate({ name: 'case', id: created.id });
      }
    } catch (error) {
      // What was typed stays in the form; the banner says what to do.
      setSaveError(error);
    }
  });

  const errorOf = (path: FieldPath<CaseFormValues>): string | undefined => {
    const message = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], formState.errors) as { message?: string } | undefined;
    return message?.message ? t(message.message) : undefined;
  };
  const input = (path: FieldPath<CaseFormValues>, label: string, options: { type?: string; hint?: string; dir?: 'ltr'; wide?: boolean; autoFocus?: boolean } = {}) => (
    <Field label={label} hint={options.hint} error={errorOf(path)} wide={options.wide}>
      {({ id, describedBy }) => (
        <input id={id} type={options.type ?? 'text'} dir={options.dir} autoFocus={options.autoFocus} aria-invalid={Boolean(errorOf(path))} aria-describedby={describedBy} {...register(path)} />
      )}
    </Field>
  );
  const select = (path: FieldPath<CaseFormValues>, label: string, values: readonly string[], prefix: string) => (
    <Field label={label} error={errorOf(path)}>
      {({ id, describedBy }) => (
        <select id={id} aria-invalid={Boolean(errorOf(path))} aria-describedby={describedBy} {...register(path)}>
          <option value="">{t('caseForm.choose')}</option>
          {values.map((v) => <option key={v} value={v}>{t(`${prefix}.${v}`)}</option>)}
        </select>
      )}
    </Field>
  );

  const showOffence = category === 'in_conflict' || category === 'victim' || category === 'witness';
  const showCustody = category === 'in_conflict';
  const showMissing = category === 'missing' || category === 'found';

  return (
    <form
      className="case-form"
      noValidate
      onSubmit={save}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div className="toolbar">
        <h1>{record ? t('caseForm.titleEdit', { caseNumber: record.caseNumber }) : t('caseForm.titleNew')}</h1>
        <span className="muted small">{t('caseForm.shortcutHint')}</span>
      </div>
      {saveError !== null && (
        <>
          <p className="banner banner-error">{t('caseForm.saveFailed')}</p>
          <ErrorBanner error={saveError} />
        </>
      )}
      <fieldset>
        <legend>{t('caseForm.groups.basics')}</legend>
        <div className="grid">
          {select('category', t('caseForm.category'), CASE_CATEGORIES, 'categories')}
          {input('reportedAt', t('caseForm.reportedAt'), { type: 'datetime-local', dir: 'ltr' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('caseForm.groups.child')}</legend>
        <div className="grid">
          {input('child.name', t('caseForm.childName'), { autoFocus: !record })}
          {input('child.altName', t('caseForm.altName'), { hint: t('caseForm.altNameHint') })}
          {input('child.fatherName', t('caseForm.fatherName'))}
        </div>
        {similar.length > 0 && (
          // Right under the names, where the officer is looking; names masked until asked for (JJSA s.13).
          <div className="banner banner-warning duplicate-warning" role="status" data-testid="duplicate-warning">
            <div className="card-head">
              <span>{t('caseForm.duplicateWarning')}</span>
              <button type="button" className="link-button" aria-pressed={showSimilarNames} onClick={() => setShowSimilarNames(!showSimilarNames)}>
                {showSimilarNames ? t('register.hideNames') : t('register.showNames')}
              </button>
            </div>
            <ul className="plain">
              {similar.map((c) => (
                <li key={c.id} data-testid="similar-case" data-strength={c.reasons.includes('bForm') ? 'b-form' : 'name'}>
                  <button type="button" className="link-button" onClick={() => navigate({ name: 'case', id: c.id })}>
                    <span dir="ltr">{c.caseNumber}</span> {c.childName && (showSimilarNames ? c.childName : maskName(c.childName))}
                  </button>{' '}
                  <span className="small">{c.reasons.map((reason) => t(`caseForm.duplicateReasons.${reason}`)).join(' · ')}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="grid">
          {select('child.gender', t('caseForm.gender'), GENDERS, 'genders')}
          {input('child.dateOfBirth', t('caseForm.dateOfBirth'), { type: 'date', dir: 'ltr' })}
          {input('child.claimedAge', t('caseForm.claimedAge'), { type: 'number', dir: 'ltr' })}
          {input('child.bForm', t('caseForm.bForm'), { dir: 'ltr' })}
          {input('child.district', t('caseForm.childDistrict'))}
          {input('child.address', t('caseForm.address'), { wide: true })}
          {input('child.language', t('caseForm.language'))}
          {input('child.disability', t('caseForm.disability'))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('caseForm.groups.guardian')}</legend>
        <div className="grid">
          {input('guardian.name', t('caseForm.guardianName'))}
          {input('guardian.relation', t('caseForm.relation'))}
          {input('guardian.phone', t('caseForm.phone'), { type: 'tel', dir: 'ltr' })}
          {input('guardian.address', t('caseForm.address'), { wide: true })}
        </div>
      </fieldset>
      {showOffence && (
        <fieldset>
          <legend>{t('caseForm.groups.offence')}</legend>
          <div className="grid">
            {input('offence.firNumber', t('caseForm.firNumber'), { dir: 'ltr' })}
            {input('offence.firDate', t('caseForm.firDate'), { type: 'date', dir: 'ltr' })}
            {input('offence.sections', t('caseForm.offenceSections'), { hint: t('caseForm.sectionsHint'), dir: 'ltr' })}
            {input('offence.maxPunishmentYears', t('caseForm.maxPunishment'), { dir: 'ltr' })}
          </div>
        </fieldset>
      )}
      {showCustody && (
        <fieldset>
          <legend>{t('caseForm.groups.custody')}</legend>
          <div className="grid">
            {input('custody.arrestedAt', t('caseForm.arrestedAt'), { type: 'datetime-local', dir: 'ltr' })}
            {select('custody.place', t('caseForm.custodyPlace'), CUSTODY_PLACES, 'custodyPlaces')}
            {input('custody.producedAt', t('caseForm.producedAt'), { type: 'datetime-local', dir: 'ltr' })}
            {input('custody.releasedAt', t('caseForm.releasedAt'), { type: 'datetime-local', dir: 'ltr' })}
          </div>
        </fieldset>
      )}
      {showMissing && (
        <fieldset>
          <legend>{t('caseForm.groups.missing')}</legend>
          <div className="grid">
            {input('missing.lastSeenAt', t('caseForm.lastSeenAt'), { type: 'datetime-local', dir: 'ltr' })}
            {input('missing.lastSeenPlace', t('caseForm.lastSeenPlace'))}
            {input('missing.description', t('caseForm.description'), { wide: true })}
            {input('missing.recoveredAt', t('caseForm.recoveredAt'), { type: 'datetime-local', dir: 'ltr' })}
            {input('missing.recoveredPlace', t('caseForm.recoveredPlace'))}
            {input('missing.handedOverTo', t('caseForm.handedOverTo'))}
            {input('missing.handedOverAt', t('caseForm.handedOverAt'), { type: 'datetime-local', dir: 'ltr' })}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('caseForm.groups.notes')}</legend>
        <textarea aria-label={t('caseForm.notes')} rows={3} {...register('notes')} />
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('caseForm.saving') : t('caseForm.save')}
        </button>
        <button type="button" onClick={() => navigate(record ? { name: 'case', id: record.id } : { name: 'register' })}>
          {t('caseForm.cancel')}
        </button>
      </div>
    </form>
  );
}

type Typed = { name: string; bForm: string; fatherName: string; age: string; dateOfBirth: string };
export type SimilarChild = { id: string; caseNumber: string; childName: string; reasons: Array<'bForm' | 'name' | 'fatherName' | 'age'>; score: number };

const digitsOf = (value: string | undefined) => (value ?? '').replace(/\D/g, '');
const sameText = (a: string | undefined, b: string | undefined) => Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

function ageOf(age: string | number | undefined, dateOfBirth: string | undefined, at: number): number | undefined {
  if (dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return Math.floor((at - Date.parse(dateOfBirth)) / (365.25 * 86_400_000));
  const years = Number(age);
  return age !== undefined && age !== '' && Number.isFinite(years) ? years : undefined;
}

/** How strongly a registered child looks like the one being entered: the same B-Form is all but certain. */
export function rankSimilar(typed: Typed, other: CaseRecord, now = Date.now()): SimilarChild | null {
  const reasons: SimilarChild['reasons'] = [];
  let score = 0;
  const bForm = digitsOf(typed.bForm);
  if (bForm.length === 13 && digitsOf(other.child.bForm) === bForm) {
    reasons.push('bForm');
    score += 100;
  }
  const name = typed.name.trim();
  if ([...name].length >= 4 && [other.child.name, other.child.altName].some((n) => n?.toLowerCase().includes(name.toLowerCase()))) {
    reasons.push('name');
    score += 10;
  }
  if (score === 0) return null;
  if (sameText(typed.fatherName, other.child.fatherName)) {
    reasons.push('fatherName');
    score += 5;
  }
  const typedAge = ageOf(typed.age, typed.dateOfBirth, now);
  const otherAge = ageOf(other.child.claimedAge, other.child.dateOfBirth, Date.parse(other.reportedAt));
  if (typedAge !== undefined && otherAge !== undefined && Math.abs(typedAge - otherAge) <= 1) {
    reasons.push('age');
    score += 3;
  }
  return { id: other.id, caseNumber: other.caseNumber, childName: other.child.name, reasons, score };
}

/**
 * Children already in the register who may be the one being entered: the same B-Form, or a name containing
 * what is typed, ranked by B-Form, then father's name and age. Candidates come from the search index (names
 * and B-Form digits), then each is read to compare father's name and age.
 */
function useSimilarChildren(typed: Typed, excludeId: string | undefined): SimilarChild[] {
  const [similar, setSimilar] = useState<SimilarChild[]>([]);
  const { name, bForm, fatherName, age, dateOfBirth } = typed;
  useEffect(() => {
    const trimmed = name?.trim() ?? '';
    const digits = digitsOf(bForm);
    const searches = [...([...trimmed].length >= 4 ? [trimmed] : []), ...(digits.length === 13 ? [digits] : [])];
    if (searches.length === 0) {
      setSimilar([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void (async () => {
        const lists = await Promise.all(searches.map((search) => call('case.list', { search, limit: 5 })));
        const ids = [...new Set(lists.flat().map((row) => row.id))].filter((id) => id !== excludeId);
        const records = await Promise.all(ids.map((id) => call('case.get', { id })));
        const ranked = records
          .map((other) => rankSimilar({ name: trimmed, bForm, fatherName, age, dateOfBirth }, other))
          .filter((c): c is SimilarChild => c !== null)
          .sort((a, b) => b.score - a.score);
        if (current) setSimilar(ranked.slice(0, 5));
      })().catch(() => current && setSimilar([]));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [name, bForm, fatherName, age, dateOfBirth, excludeId]);
  return similar;
}
