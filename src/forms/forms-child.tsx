import { evidenceOf, obligationOf } from './facts.js';
import { ChildName, Closing, Fields, P, Section, Signatures, T, V, When } from './kit.js';
import type { FormInput } from './types.js';
import { b, GENDER, L, PARTNER, REFERRAL_PURPOSE } from './words.js';

/** Forms for any child: referral letters, the missing child report and the recovery / hand-over receipt. */

type Props = { input: FormInput };

/** Age in whole years only: what a partner or a receiver needs, not how it was determined. */
function yearsOnly(input: FormInput) {
  const finding = input.evaluation.ageAtArrest ?? input.evaluation.ageAtOffence;
  return finding ? (
    <>
      <V v={finding.years} /> <T t={L.ageYears} />
    </>
  ) : (
    <V v={null} />
  );
}

/**
 * Referral letter, one per referral. It leaves the police, so it carries no FIR, no offence, no category
 * (a partner need not know the child is accused) and no address: only what the partner needs to receive the
 * child and care for them.
 */
export function ReferralForm({ input }: Props) {
  const { record: r } = input;
  const referral = r.referrals[input.referralIndex ?? 0]!;
  const partner = PARTNER[referral.to]!;
  const purpose = REFERRAL_PURPOSE[referral.to]!;
  const station = input.station.name ?? input.station.code;
  return (
    <>
      <Section title={L.to}>
        <Fields
          fields={[
            { label: b('Organisation', 'ادارہ'), value: <T t={partner} /> },
            { label: L.name, value: <V v={referral.toName} /> },
            { label: L.referredAt, value: <When at={referral.referredAt} /> },
            { label: b('Referral', 'ریفرل'), value: <V v={`${(input.referralIndex ?? 0) + 1} / ${r.referrals.length}`} /> },
          ]}
        />
      </Section>
      <Section title={L.subject}>
        <P
          t={{
            en: (
              <>
                The Police Child Help Desk at <V v={station} /> refers the child named below to your organisation for {purpose.en}. Please acknowledge receipt below and tell the help desk the outcome, quoting the case number at the top of this letter.
              </>
            ),
            ur: (
              <>
                تھانہ <V v={station} /> کا پولیس چائلڈ ہیلپ ڈیسک ذیل میں درج بچے کو آپ کے ادارے کے پاس {purpose.ur} کے لیے بھیجتا ہے۔ براہ کرم نیچے وصولی کی تصدیق کریں اور اس خط کے اوپر درج کیس نمبر کے حوالے سے ہیلپ ڈیسک کو نتیجے سے آگاہ کریں۔
              </>
            ),
          }}
        />
      </Section>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.age, value: yearsOnly(input) },
            { label: L.language, value: <V v={r.child.language} /> },
            { label: L.disability, value: <V v={r.child.disability} />, span: true },
          ]}
        />
      </Section>
      <Closing>
        <Section title={b('Acknowledgement by the organisation', 'ادارے کی جانب سے وصولی')}>
          <Fields
            fields={[
              { label: L.receivedBy, value: <V v={null} /> },
              { label: b('Designation', 'عہدہ'), value: <V v={null} /> },
              { label: b('Received at', 'وصولی کا وقت'), value: <V v={null} /> },
              { label: L.phone, value: <V v={null} /> },
              { label: L.outcome, value: <V v={referral.outcome} wide />, span: true },
            ]}
          />
        </Section>
        <Signatures boxes={[{ role: b('Help desk officer', 'ہیلپ ڈیسک افسر') }, { role: b('For the organisation', 'منجانب ادارہ') }]} />
      </Closing>
    </>
  );
}

/**
 * Missing (or found) child report (ZARRA 2020; M1, M2): the sheet that is circulated, to stations, the CPU,
 * the alert agency and the public (posted, shared). It carries what someone who sees the child needs to
 * recognise them and reach the police: name, age, gender, language, description, last seen, and the
 * station to contact. Not the B-Form, date of birth, father's name, disability or the family's phone: those
 * identify the child and family to anyone who reads a posted sheet, and a caller needs only the station
 * (src/forms/disclosure.ts). The station's full record is the intake form.
 */
export function MissingReportForm({ input }: Props) {
  const { record: r } = input;
  const m = r.missing;
  const m1 = obligationOf(input, 'M1');
  const m2 = obligationOf(input, 'M2');
  const station = input.station.name ?? input.station.code;
  return (
    <>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <V v={r.child.name} /> },
            { label: L.altName, value: <V v={r.child.altName} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.age, value: yearsOnly(input) },
            { label: L.language, value: <V v={r.child.language} />, span: true },
            { label: b('Description (height, clothes, marks)', 'حلیہ (قد، کپڑے، نشانات)'), value: <V v={m?.description} wide />, span: true },
          ]}
        />
      </Section>
      <Section title={b('Last seen', 'آخری بار دیکھا گیا')}>
        <Fields
          fields={[
            { label: b('When', 'کب'), value: <When at={m?.lastSeenAt} /> },
            { label: b('Where', 'کہاں'), value: <V v={m?.lastSeenPlace} /> },
            { label: b('Reported to the police', 'پولیس کو اطلاع'), value: <When at={r.reportedAt} />, span: true },
          ]}
        />
      </Section>
      <Section title={b('FIR and alert', 'ایف آئی آر اور الرٹ')}>
        <Fields
          fields={[
            { label: L.firNumber, value: <V v={r.offence?.firNumber ?? evidenceOf(m1, 'firNumber')} /> },
            { label: b('FIR registered at', 'ایف آئی آر کا وقت'), value: <When at={evidenceOf(m1, 'registeredAt')} /> },
            { label: b('ZARRA reference', 'زارا حوالہ'), value: <V v={evidenceOf(m2, 'reference')} /> },
            { label: b('Reported to ZARRA at', 'زارا کو اطلاع کا وقت'), value: <When at={evidenceOf(m2, 'reportedAt')} /> },
          ]}
        />
        <p className="para small muted">
          <T t={b('ZARRA 2020: FIR and report to the alert agency within 2 hours of the complaint [Unconfirmed guidance — section numbers not confirmed].', 'زارا 2020: شکایت کے 2 گھنٹوں میں ایف آئی آر اور الرٹ ایجنسی کو اطلاع [غیر مصدقہ رہنمائی — دفعات کی تصدیق نہیں]۔')} />
        </p>
      </Section>
      {m?.recoveredAt && (
        <Section title={b('Recovered', 'بازیاب')}>
          <Fields
            fields={[
              { label: b('Recovered at', 'بازیابی کا وقت'), value: <When at={m.recoveredAt} /> },
              { label: b('Recovered place', 'بازیابی کی جگہ'), value: <V v={m.recoveredPlace} /> },
            ]}
          />
        </Section>
      )}
      <Closing>
        <P
          t={{
            en: (
              <>
                Anyone with information about this child: contact Police Station <V v={station} /> (District <V v={input.station.district} />), quoting the case number above.
              </>
            ),
            ur: (
              <>
                اس بچے کے بارے میں معلومات رکھنے والے تھانہ <V v={station} /> (ضلع <V v={input.station.district} />) سے اوپر درج کیس نمبر کے حوالے سے رابطہ کریں۔
              </>
            ),
          }}
        />
        <Signatures boxes={[{ role: b('Desk officer', 'ڈیسک افسر') }, { role: L.sho }]} />
      </Closing>
    </>
  );
}

/** Recovery and hand-over receipt (M3): who received the child, when, signed by the receiver. */
export function HandoverForm({ input }: Props) {
  const { record: r } = input;
  const m = r.missing;
  const m3 = obligationOf(input, 'M3');
  return (
    <>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.fatherName, value: <V v={r.child.fatherName} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.age, value: yearsOnly(input) },
          ]}
        />
      </Section>
      <Section title={b('Recovery', 'بازیابی')}>
        <Fields
          fields={[
            { label: b('Recovered at', 'بازیابی کا وقت'), value: <When at={m?.recoveredAt} /> },
            { label: b('Recovered place', 'بازیابی کی جگہ'), value: <V v={m?.recoveredPlace} /> },
          ]}
        />
      </Section>
      <Section title={b('Hand-over', 'حوالگی')}>
        <Fields
          fields={[
            { label: b('Handed over to', 'کس کے حوالے کیا'), value: <V v={m?.handedOverTo ?? evidenceOf(m3, 'handedOverTo')} wide />, span: true },
            { label: b('Handed over at', 'حوالگی کا وقت'), value: <When at={m?.handedOverAt ?? evidenceOf(m3, 'handedOverAt')} /> },
            { label: L.relation, value: <V v={null} /> },
            { label: L.cnic, value: <V v={null} /> },
            { label: L.phone, value: <V v={null} /> },
            { label: L.address, value: <V v={null} wide />, span: true },
          ]}
        />
      </Section>
      <Closing>
        <Section title={b('Receipt', 'رسید')}>
          <P
            t={{
              en: 'I have received the child named above from the police on the date and at the time shown, and undertake to look after the child and to produce the child if the police or a court call for it.',
              ur: 'میں نے اوپر درج بچہ پولیس سے درج شدہ تاریخ اور وقت پر وصول کیا، اور بچے کی دیکھ بھال کرنے اور پولیس یا عدالت کے طلب کرنے پر بچے کو پیش کرنے کا ذمہ لیتا / لیتی ہوں۔',
            }}
          />
        </Section>
        <Signatures boxes={[{ role: L.receivedBy, thumb: true }, { role: b('Witness', 'گواہ') }, { role: b('Desk officer', 'ڈیسک افسر') }]} />
      </Closing>
    </>
  );
}
