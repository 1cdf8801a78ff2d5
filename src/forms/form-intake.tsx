import { RULE_IDS as RULE_ORDER } from '../core/checklist/rules.js';
import { formatKarachi } from '../core/time.js';
import { ageText, classification, punishmentText, statusText } from './facts.js';
import { Closing, Fields, Section, Signatures, T, V, When } from './kit.js';
import type { FormInput } from './types.js';
import { b, CATEGORY, CHOICE, CUSTODY_PLACE, GENDER, L, OFFENCE_CLASS, PARTNER, RULE_STATUS, STATE } from './words.js';

/** Case intake and summary: the station's own record of the case, with the checklist and its times. */
export function IntakeForm({ input }: { input: FormInput }) {
  const { record: r, evaluation: e } = input;
  const cls = classification(input);
  const age = ageText(input);
  const max = punishmentText(r.offence?.maxPunishmentYears ?? (cls.known ? cls.max : undefined));
  const shown = e.obligations.filter((o) => o.state !== 'not_applicable').sort((x, y) => RULE_ORDER.indexOf(x.ruleId) - RULE_ORDER.indexOf(y.ruleId));
  const hidden = e.obligations.length - shown.length;
  return (
    <>
      <Section title={b('Case', 'کیس')}>
        <Fields
          fields={[
            { label: L.category, value: <T t={CATEGORY[r.category]} /> },
            { label: L.status, value: <T t={r.status === 'open' ? L.open : L.closed} /> },
            { label: L.reportedAt, value: <When at={r.reportedAt} /> },
            { label: b('Last changed', 'آخری تبدیلی'), value: <When at={r.updatedAt} /> },
          ]}
        />
      </Section>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <V v={r.child.name} /> },
            { label: L.altName, value: <V v={r.child.altName} /> },
            { label: L.fatherName, value: <V v={r.child.fatherName} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.dateOfBirth, value: <V v={r.child.dateOfBirth} /> },
            { label: L.claimedAge, value: <V v={r.child.claimedAge} /> },
            { label: L.age, value: age ? <T t={age} /> : <V v={null} />, span: true },
            { label: L.bForm, value: <V v={r.child.bForm} /> },
            { label: L.district, value: <V v={r.child.district} /> },
            { label: L.language, value: <V v={r.child.language} /> },
            { label: L.disability, value: <V v={r.child.disability} /> },
            { label: L.address, value: <V v={r.child.address} wide />, span: true },
          ]}
        />
      </Section>
      <Section title={L.guardian}>
        <Fields
          fields={[
            { label: L.name, value: <V v={r.guardian?.name} /> },
            { label: L.relation, value: <V v={r.guardian?.relation} /> },
            { label: L.phone, value: <V v={r.guardian?.phone} /> },
            { label: L.address, value: <V v={r.guardian?.address} /> },
          ]}
        />
      </Section>
      {(r.offence || r.category === 'in_conflict') && (
        <Section title={L.offence}>
          <Fields
            fields={[
              { label: L.firNumber, value: <V v={r.offence?.firNumber} /> },
              { label: L.firDate, value: <V v={r.offence?.firDate} /> },
              { label: L.sections, value: <V v={r.offence?.sections.join(', ')} /> },
              { label: L.maxPunishment, value: max ? <T t={max} /> : <V v={null} /> },
              { label: L.offenceClass, value: <T t={OFFENCE_CLASS[e.offenceClass]} />, span: true },
            ]}
          />
        </Section>
      )}
      {(r.custody || r.category === 'in_conflict') && (
        <Section title={L.custody}>
          <Fields
            fields={[
              { label: L.arrestedAt, value: <When at={r.custody?.arrestedAt} /> },
              { label: L.custodyPlace, value: r.custody?.place ? <T t={CUSTODY_PLACE[r.custody.place]!} /> : <V v={null} /> },
              { label: L.producedAt, value: <When at={r.custody?.producedAt} /> },
              { label: L.releasedAt, value: <When at={r.custody?.releasedAt} /> },
            ]}
          />
        </Section>
      )}
      {r.missing && (
        <Section title={b('Missing child', 'گمشدہ بچہ')}>
          <Fields
            fields={[
              { label: b('Last seen at', 'آخری بار کب دیکھا گیا'), value: <When at={r.missing.lastSeenAt} /> },
              { label: b('Last seen place', 'آخری بار کہاں دیکھا گیا'), value: <V v={r.missing.lastSeenPlace} /> },
              { label: b('Description', 'حلیہ'), value: <V v={r.missing.description} />, span: true },
              { label: b('Recovered at', 'بازیابی کا وقت'), value: <When at={r.missing.recoveredAt} /> },
              { label: b('Recovered place', 'بازیابی کی جگہ'), value: <V v={r.missing.recoveredPlace} /> },
              { label: b('Handed over to', 'کس کے حوالے کیا'), value: <V v={r.missing.handedOverTo} /> },
              { label: b('Handed over at', 'حوالگی کا وقت'), value: <When at={r.missing.handedOverAt} /> },
            ]}
          />
        </Section>
      )}
      <Section title={L.referrals}>
        {r.referrals.length === 0 ? (
          <p className="para muted">
            <T t={L.none} />
          </p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th className="w-num">#</th>
                <th><T t={L.referredTo} /></th>
                <th className="w-time"><T t={L.referredAt} /></th>
                <th><T t={L.outcome} /></th>
              </tr>
            </thead>
            <tbody>
              {r.referrals.map((ref, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>
                    <T t={PARTNER[ref.to]!} />
                    {ref.toName ? (
                      <>
                        {' — '}
                        <V v={ref.toName} />
                      </>
                    ) : null}
                  </td>
                  <td><When at={ref.referredAt} /></td>
                  <td><V v={ref.outcome} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {r.notes && (
        <Section title={L.notes}>
          <p className="para notes">
            <bdi>{r.notes}</bdi>
          </p>
        </Section>
      )}
      <Section title={b(`Checklist (rule pack ${e.rulePackVersion})`, `چیک لسٹ (قواعد ${e.rulePackVersion})`)} className="checklist">
        <table className="grid">
          <thead>
            <tr>
              <th className="w-rule"><T t={b('Rule', 'قاعدہ')} /></th>
              <th><T t={b('Step', 'مرحلہ')} /></th>
              <th className="w-state"><T t={L.status} /></th>
              <th className="w-time"><T t={b('Due (PKT)', 'مقررہ وقت')} /></th>
              <th className="w-done"><T t={b('Done: when, by whom', 'مکمل: کب، کس نے')} /></th>
              <th className="w-basis"><T t={L.legalBasis} /></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.ruleId} className={o.status === 'unconfirmed' ? 'unconfirmed' : undefined}>
                <td><V v={o.ruleId} /></td>
                <td><T t={o.title} /></td>
                <td><T t={STATE[o.state]} /></td>
                <td><V v={o.dueAt ? formatKarachi(o.dueAt) : '—'} ltr /></td>
                <td>
                  {o.completion ? (
                    <>
                      <V v={formatKarachi(o.completion.doneAt)} ltr />
                      {o.completion.doneBy ? (
                        <>
                          {' · '}
                          <V v={o.completion.doneBy} />
                        </>
                      ) : (
                        <>
                          {' · '}
                          <T t={b('from the case record', 'کیس کے ریکارڈ سے')} />
                        </>
                      )}
                      {o.completion.late ? (
                        <>
                          {' · '}
                          <T t={b('late', 'تاخیر سے')} />
                        </>
                      ) : null}
                      <EvidenceLine evidence={o.completion.evidence} />
                    </>
                  ) : (
                    <V v="—" />
                  )}
                </td>
                <td>
                  <V v={o.basis} />
                  <div className="status-line">
                    <T t={o.state === 'switched_off' ? RULE_STATUS[o.status] : statusText(o)} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {/* The checklist runs over pages: its closing notes go with the signatures, kept with its last rows. */}
      <Closing tail>
        {hidden > 0 && (
          <p className="para muted small">
            <T t={b(`${hidden} further rules do not apply to this case.`, `مزید ${hidden} قواعد اس کیس پر لاگو نہیں ہوتے۔`)} />
          </p>
        )}
        {e.problems.length > 0 && (
          <ul className="problems">
            {e.problems.map((p) => (
              <li key={p.code}>
                <T t={{ en: p.en, ur: p.ur }} />
              </li>
            ))}
          </ul>
        )}
        <Signatures boxes={[{ role: b('Desk officer', 'ڈیسک افسر') }, { role: L.sho }]} />
      </Closing>
    </>
  );
}

/** Choice evidence in words (e.g. "NADRA B-Form / CRC"); free text and times as recorded. */
export function EvidenceLine({ evidence }: { evidence: Record<string, string | number | boolean> }) {
  const parts = Object.entries(evidence).filter(([key, value]) => key !== 'confirmed' && value !== '' && typeof value !== 'boolean');
  if (parts.length === 0) return null;
  return (
    <div className="evidence">
      {parts.map(([key, value], i) => (
        <span key={key}>
          {i > 0 ? '; ' : ''}
          {typeof value === 'string' && (CHOICE[value] ?? CUSTODY_PLACE[value]) ? (
            <T t={(CHOICE[value] ?? CUSTODY_PLACE[value])!} />
          ) : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? (
            <V v={formatKarachi(value)} ltr />
          ) : (
            <V v={String(value)} />
          )}
        </span>
      ))}
    </div>
  );
}
