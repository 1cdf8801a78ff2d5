import type { Obligation } from '../core/checklist/evaluate.js';
import { formatKarachi } from '../core/time.js';
import { ageText, classification, evidenceOf, obligationOf, punishmentText, ruleText, statusText } from './facts.js';
import { ChildName, Closing, Fields, P, Section, Signatures, T, Tick, V, When } from './kit.js';
import type { Bilingual, FormInput } from './types.js';
import { AGE_BAND, AGE_EVIDENCE, b, CHOICE, CUSTODY_PLACE, GENDER, L, OFFENCE_CLASS, RULE_STATUS, STATE } from './words.js';

/** The juvenile-case forms (JJSA 2018): age record, notices, legal aid, production, bail and diversion note. */

type Props = { input: FormInput };

function placeOf(input: FormInput) {
  const place = input.record.custody?.place;
  return place ? <T t={CUSTODY_PLACE[place]!} /> : <V v={null} />;
}

function ageCell(input: FormInput) {
  const age = ageText(input);
  return age ? <T t={age} /> : <V v={null} />;
}

function sectionsText(input: FormInput): string | undefined {
  const sections = input.record.offence?.sections ?? [];
  return sections.length ? sections.join(', ') : undefined;
}

/** "Done 2026-11-21 01:10 (by Officer)", the state, and the due time, for a step a form reports on. */
function StepState({ o }: { o: Obligation | undefined }) {
  if (!o) return <V v={null} />;
  return (
    <>
      <T t={STATE[o.state]} />
      {o.completion ? (
        <>
          {' · '}
          <V v={formatKarachi(o.completion.doneAt)} ltr />
          {o.completion.doneBy ? (
            <>
              {' · '}
              <V v={o.completion.doneBy} />
            </>
          ) : null}
        </>
      ) : o.dueAt ? (
        <>
          {' · '}
          <T t={b('due', 'مقررہ وقت')} /> <V v={formatKarachi(o.dueAt)} ltr />
        </>
      ) : null}
    </>
  );
}

/**
 * Rules stated on a form, each from the rule pack (src/core/checklist/rules.ts) with its citation and its
 * status in words: a form never states case-law or unconfirmed guidance as plain law, nor retypes the law.
 */
function RuleLines({ input, ids }: { input: FormInput; ids: readonly string[] }) {
  return (
    <ul className="rule-lines">
      {ids.map((id) => {
        const rule = ruleText(input, id);
        const status = statusText(rule);
        return (
          <li key={id}>
            <P
              className="small"
              t={{
                en: (
                  <>
                    <b>{rule.title.en}.</b> {rule.explanation.en} <span className="status-tag">({rule.basis}: {status.en})</span>
                  </>
                ),
                ur: (
                  <>
                    <b>{rule.title.ur}۔</b> {rule.explanation.ur} <span className="status-tag">(<bdi dir="ltr">{rule.basis}</bdi>: {status.ur})</span>
                  </>
                ),
              }}
            />
          </li>
        );
      })}
    </ul>
  );
}

/** "Notice under JJSA s.5 (Case-law. No fixed hours ...)", and that nothing identifying the child is published. */
function noticeBasis(input: FormInput, ruleId: string): Bilingual {
  const rule = ruleText(input, ruleId);
  const status = statusText(rule);
  const s13 = ruleText(input, 'A16');
  const s13Status = statusText({ ...s13, statusNote: undefined });
  return {
    en: `Notice under ${rule.basis} (${status.en}). Nothing that may identify the child may be published (${s13.basis}: ${s13Status.en}).`,
    ur: `نوٹس بتحت \u2066${rule.basis}\u2069 (${status.ur})۔ بچے کی شناخت ظاہر کرنے والی کوئی بات شائع نہیں کی جا سکتی (دفعہ 13: ${s13Status.ur})۔`,
  };
}

/** Age evidence from strongest to weakest (JJSA s.8; A1): B-Form / CRC and birth certificate, then a school certificate, then a medical opinion. */
const EVIDENCE_RANK: Record<string, number> = { nadra_bform_crc: 0, birth_certificate: 0, school_certificate: 1, medical_examination: 2 };

/**
 * The warning an age record prints when the evidence relied on ranks below a document on file: a school
 * certificate or a medical opinion ticked while a B-Form number is recorded, or a medical opinion while a
 * document number is. Null when the evidence is the best on file (or none is recorded).
 */
export function ageEvidenceWarning(input: FormInput): Bilingual | null {
  const a1 = obligationOf(input, 'A1');
  const relied = evidenceOf(a1, 'ageEvidence');
  if (!relied || EVIDENCE_RANK[relied] === undefined) return null;
  const documentNumber = evidenceOf(a1, 'documentNumber');
  const bForm = input.record.child.bForm;
  const reliedWords = AGE_EVIDENCE[relied]!;
  if (bForm && EVIDENCE_RANK[relied]! > 0) {
    return {
      en: `Check: the age was determined from a ${reliedWords.en.toLowerCase()}, but a NADRA B-Form number (${bForm}) is on file. Under JJSA s.8 the B-Form and the birth certificate outrank a school certificate, and any document outranks a medical opinion: determine the age from the B-Form, or record why it was not used.`,
      ur: `توجہ: عمر ${reliedWords.ur} سے طے کی گئی، جبکہ ریکارڈ میں نادرا ب فارم نمبر (\u2066${bForm}\u2069) موجود ہے۔ جے جے ایس اے دفعہ 8 کے تحت ب فارم اور پیدائش سرٹیفکیٹ اسکول سرٹیفکیٹ پر، اور ہر دستاویز طبی رائے پر فوقیت رکھتی ہے: عمر ب فارم سے طے کریں، یا درج کریں کہ اسے کیوں استعمال نہیں کیا گیا۔`,
    };
  }
  if (relied === 'medical_examination' && documentNumber) {
    return {
      en: `Check: the age was determined from a medical opinion, but a document number (${documentNumber}) is recorded. Under JJSA s.8 documents outrank a medical opinion: determine the age from the document, or record why it was not used.`,
      ur: `توجہ: عمر طبی رائے سے طے کی گئی، جبکہ دستاویز نمبر (\u2066${documentNumber}\u2069) درج ہے۔ جے جے ایس اے دفعہ 8 کے تحت دستاویزات طبی رائے پر فوقیت رکھتی ہیں: عمر دستاویز سے طے کریں، یا درج کریں کہ اسے کیوں استعمال نہیں کیا گیا۔`,
    };
  }
  return null;
}

/** Age determination record: the evidence relied on (JJSA s.8; A1). */
export function AgeForm({ input }: Props) {
  const { record: r, evaluation: e } = input;
  const a1 = obligationOf(input, 'A1');
  const relied = evidenceOf(a1, 'ageEvidence');
  const documentNumber = evidenceOf(a1, 'documentNumber');
  const band = e.ageAtArrest?.band ?? e.ageAtOffence?.band;
  const adultProblem = e.problems.find((p) => p.code === 'adult_age_in_juvenile_case');
  // Arrest and criminal responsibility are for a juvenile accused: a victim, witness or missing child was not arrested.
  const accused = r.category === 'in_conflict';
  const warning = ageEvidenceWarning(input);
  return (
    <>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.fatherName, value: <V v={r.child.fatherName} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.bForm, value: <V v={r.child.bForm} /> },
            { label: L.dateOfBirth, value: <V v={r.child.dateOfBirth} /> },
            { label: L.claimedAge, value: <V v={r.child.claimedAge} /> },
            { label: b('Date of offence (FIR)', 'جرم کی تاریخ (ایف آئی آر)'), value: <V v={r.offence?.firDate} /> },
            accused && { label: L.arrestedAt, value: <When at={r.custody?.arrestedAt} /> },
            { label: b('Age at offence', 'جرم کے وقت عمر'), value: e.ageAtOffence ? <V v={e.ageAtOffence.years} /> : <V v={null} /> },
            accused && { label: b('Age at arrest', 'گرفتاری کے وقت عمر'), value: e.ageAtArrest ? <V v={e.ageAtArrest.years} /> : <V v={null} /> },
            { label: L.ageBand, value: band ? <T t={AGE_BAND[band]} /> : <V v={null} />, span: true },
          ]}
        />
      </Section>
      <Section title={b('Evidence relied on', 'جس ثبوت پر انحصار کیا گیا')}>
        <P
          t={{
            en: 'Tick the one evidence the age was determined from. Documents first: NADRA B-Form / CRC and the birth certificate outrank a private school certificate; a medical officer’s examination only where no document exists.',
            ur: 'جس ایک ثبوت سے عمر طے کی گئی اس پر نشان لگائیں۔ پہلے دستاویزات: نادرا ب فارم / سی آر سی اور پیدائش کا سرٹیفکیٹ نجی اسکول سرٹیفکیٹ پر فوقیت رکھتے ہیں؛ میڈیکل افسر کا معائنہ صرف تب جب کوئی دستاویز نہ ہو۔',
          }}
          className="small"
        />
        <div className="ticks">
          {(['nadra_bform_crc', 'birth_certificate', 'school_certificate', 'medical_examination', 'none'] as const).map((key) => (
            <Tick key={key} on={relied === key} label={AGE_EVIDENCE[key]!} />
          ))}
        </div>
        {warning && (
          <p className="para warn evidence-warning">
            <T t={warning} />
          </p>
        )}
        <Fields
          fields={[
            { label: b('Document number', 'دستاویز نمبر'), value: <V v={documentNumber} /> },
            { label: b('Determined', 'تعین'), value: <StepState o={a1} /> },
            { label: L.legalBasis, value: <><V v={ruleText(input, 'A1').basis} /> <span className="status-tag">[<T t={statusText(ruleText(input, 'A1'))} />]</span></>, span: true },
          ]}
        />
      </Section>
      {accused && (
        <Section title={b('Criminal responsibility (PPC s.82, s.83)', 'فوجداری ذمہ داری (تعزیرات پاکستان دفعہ 82، 83)')}>
          <div className="ticks">
            <Tick on={band === 'under_10'} label={b('Under 10: no offence (PPC s.82)', '10 سال سے کم: کوئی جرم نہیں (دفعہ 82)')} />
            <Tick on={band === '10_13'} label={b('10 to 13: no offence if the child lacked the maturity to understand the act (PPC s.83) — for the court', '10 سے 13 سال: اگر بچہ فعل سمجھنے کی سمجھ نہ رکھتا ہو تو کوئی جرم نہیں (دفعہ 83) — عدالت طے کرے')} />
          </div>
          {adultProblem && (
            <p className="para warn">
              <T t={{ en: adultProblem.en, ur: adultProblem.ur }} />
            </p>
          )}
        </Section>
      )}
      <Closing>
        <Section title={b('Remarks of the determining officer', 'تعین کرنے والے افسر کے ریمارکس')}>
          <div className="write-lines">
            <div />
            <div />
          </div>
        </Section>
        <Signatures boxes={[{ role: b('Determining officer (OIC / IO)', 'تعین کرنے والا افسر (انچارج / تفتیشی)'), name: a1?.completion?.doneBy }, { role: L.sho }]} />
      </Closing>
    </>
  );
}

/** Notice to the guardian (JJSA s.5; A2). */
export function GuardianNoticeForm({ input }: Props) {
  const { record: r } = input;
  const a2 = obligationOf(input, 'A2');
  const station = input.station.name ?? input.station.code;
  return (
    <>
      <Section title={L.to}>
        <Fields
          fields={[
            { label: b('Guardian', 'سرپرست'), value: <V v={r.guardian?.name} /> },
            { label: L.relation, value: <V v={r.guardian?.relation} /> },
            { label: L.phone, value: <V v={r.guardian?.phone} /> },
            { label: L.address, value: <V v={r.guardian?.address} /> },
          ]}
        />
      </Section>
      <Section title={b('Notice', 'اطلاع')}>
        <P
          t={{
            en: (
              <>
                You are informed that the child <ChildName child={r.child} /> was taken into custody by Police Station <V v={station} /> at <When at={r.custody?.arrestedAt} /> (FIR <V v={r.offence?.firNumber} />, sections <V v={sectionsText(input)} />). The child is kept at: {placeOf(input)}.
              </>
            ),
            ur: (
              <>
                آپ کو اطلاع دی جاتی ہے کہ بچہ / بچی <ChildName child={r.child} /> کو تھانہ <V v={station} /> نے <When at={r.custody?.arrestedAt} /> پر حراست میں لیا (ایف آئی آر <V v={r.offence?.firNumber} />، دفعات <V v={sectionsText(input)} />)۔ بچہ اس جگہ رکھا گیا ہے: {placeOf(input)}۔
              </>
            ),
          }}
        />
        <P t={{ en: 'You are directed to attend the Juvenile Court. The police’s duties to the child, as the rule pack states them:', ur: 'آپ کو جووینائل کورٹ میں حاضر ہونے کی ہدایت کی جاتی ہے۔ بچے کے بارے میں پولیس کے فرائض، قواعد کے مطابق:' }} />
        <RuleLines input={input} ids={['A5', 'A4']} />
        <Fields
          fields={[
            { label: b('Juvenile Court', 'جووینائل کورٹ'), value: <V v={null} /> },
            { label: b('Date and time to attend', 'حاضری کی تاریخ اور وقت'), value: <V v={null} /> },
          ]}
        />
      </Section>
      <Closing>
        <HowInformed title={b('How the guardian was informed', 'سرپرست کو کیسے اطلاع دی گئی')} step={a2} stepLabel={b('Step A2', 'مرحلہ A2')} />
        <p className="para small muted">
          <T t={noticeBasis(input, 'A2')} />
        </p>
        <Signatures boxes={[{ role: L.sho }, { role: b('Received by the guardian', 'سرپرست نے وصول کیا'), thumb: true }]} />
      </Closing>
    </>
  );
}

/** The s.5 notices' record of how the person was told: the method ticked, when, and the step's state. */
function HowInformed({ title, step, stepLabel }: { title: ReturnType<typeof b>; step: Obligation | undefined; stepLabel: ReturnType<typeof b> }) {
  const method = evidenceOf(step, 'method');
  return (
    <Section title={title}>
      <div className="ticks">
        {(['in_person', 'phone', 'message', 'letter'] as const).map((key) => (
          <Tick key={key} on={method === key} label={CHOICE[key]!} />
        ))}
      </div>
      <Fields
        fields={[
          { label: b('Informed at', 'اطلاع کا وقت'), value: <When at={evidenceOf(step, 'informedAt')} /> },
          { label: stepLabel, value: <StepState o={step} /> },
        ]}
      />
    </Section>
  );
}

/** Notice to the probation officer (JJSA s.5; A3): what is needed to gather the child's background. */
export function ProbationNoticeForm({ input }: Props) {
  const { record: r, evaluation: e } = input;
  const a3 = obligationOf(input, 'A3');
  return (
    <>
      <Section title={L.to}>
        <P t={{ en: <>The Probation Officer, District <V v={input.station.district} /></>, ur: <>پروبیشن افسر، ضلع <V v={input.station.district} /></> }} />
        <P
          t={{
            en: `The juvenile named below has been arrested by this station. You are informed (JJSA 2018 s.5: ${statusText(ruleText(input, 'A3')).en}) so that background information on the child (family, schooling, circumstances) can be gathered for the Juvenile Court and the Juvenile Justice Committee.`,
            ur: `ذیل میں درج کم عمر کو اس تھانے نے گرفتار کیا ہے۔ آپ کو اطلاع دی جاتی ہے (جے جے ایس اے 2018 دفعہ 5: ${statusText(ruleText(input, 'A3')).ur}) تاکہ جووینائل کورٹ اور جووینائل جسٹس کمیٹی کے لیے بچے کے پس منظر (خاندان، تعلیم، حالات) کی معلومات جمع کی جا سکیں۔`,
          }}
        />
      </Section>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.fatherName, value: <V v={r.child.fatherName} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.language, value: <V v={r.child.language} /> },
            { label: L.age, value: ageCell(input), span: true },
            { label: L.address, value: <V v={r.child.address} />, span: true },
            { label: L.disability, value: <V v={r.child.disability} /> },
            { label: L.district, value: <V v={r.child.district} /> },
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
      <Section title={b('Arrest', 'گرفتاری')}>
        <Fields
          fields={[
            { label: L.firNumber, value: <V v={r.offence?.firNumber} /> },
            { label: L.sections, value: <V v={sectionsText(input)} /> },
            { label: L.offenceClass, value: <T t={OFFENCE_CLASS[e.offenceClass]} />, span: true },
            { label: L.arrestedAt, value: <When at={r.custody?.arrestedAt} /> },
            { label: L.custodyPlace, value: placeOf(input) },
          ]}
        />
      </Section>
      <Closing>
        <HowInformed title={b('How the probation officer was informed', 'پروبیشن افسر کو کیسے اطلاع دی گئی')} step={a3} stepLabel={b('Step A3', 'مرحلہ A3')} />
        <Signatures boxes={[{ role: L.sho }, { role: b('Received by the probation officer', 'پروبیشن افسر نے وصول کیا') }]} />
      </Closing>
    </>
  );
}

/** Request for legal assistance at State expense (JJSA s.3; A4). */
export function LegalAidForm({ input }: Props) {
  const { record: r } = input;
  const a4 = obligationOf(input, 'A4');
  const juvenile = r.category === 'in_conflict';
  return (
    <>
      <Section title={L.to}>
        <Fields fields={[{ label: b('Legal aid office / Bar / legal practitioner', 'لیگل ایڈ دفتر / بار / وکیل'), value: <V v={null} wide />, span: true }]} />
        {juvenile ? (
          <P
            t={{
              en: (
                <>
                  A juvenile in the custody of this station must be informed of their rights by a legal practitioner of at least seven years’ standing, at State expense, within 24 hours of custody (JJSA 2018 s.3). Please assign a legal practitioner to attend the juvenile before <When at={a4?.dueAt} />.
                </>
              ),
              ur: (
                <>
                  اس تھانے کی حراست میں موجود کم عمر کو حراست کے 24 گھنٹوں کے اندر، سرکاری خرچ پر، کم از کم سات سالہ تجربے والے وکیل کے ذریعے اس کے حقوق سے آگاہ کیا جانا لازم ہے (جے جے ایس اے 2018 دفعہ 3)۔ براہ کرم <When at={a4?.dueAt} /> سے پہلے کم عمر کے پاس وکیل مقرر کریں۔
                </>
              ),
            }}
          />
        ) : (
          <P
            t={{
              en: 'The child named below, a child victim, has the right to legal assistance at State expense (JJSA 2018 s.3). Please assign a legal practitioner.',
              ur: 'ذیل میں درج متاثرہ بچے کو سرکاری خرچ پر قانونی معاونت کا حق حاصل ہے (جے جے ایس اے 2018 دفعہ 3)۔ براہ کرم وکیل مقرر کریں۔',
            }}
          />
        )}
      </Section>
      <Section title={L.child}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.age, value: ageCell(input), span: true },
            { label: L.language, value: <V v={r.child.language} /> },
            { label: L.disability, value: <V v={r.child.disability} /> },
          ]}
        />
      </Section>
      <Section title={juvenile ? b('Custody and charge', 'حراست اور الزام') : L.offence}>
        <Fields
          fields={[
            { label: L.firNumber, value: <V v={r.offence?.firNumber} /> },
            { label: L.sections, value: <V v={sectionsText(input)} /> },
            juvenile && { label: L.arrestedAt, value: <When at={r.custody?.arrestedAt} /> },
            juvenile && { label: b('Where the child is kept', 'بچہ کہاں رکھا گیا ہے'), value: placeOf(input) },
          ]}
        />
      </Section>
      <Section title={L.guardian}>
        <Fields
          fields={[
            { label: L.name, value: <V v={r.guardian?.name} /> },
            { label: L.relation, value: <V v={r.guardian?.relation} /> },
            { label: L.phone, value: <V v={r.guardian?.phone} /> },
          ]}
        />
      </Section>
      <Closing>
        <Section title={b('Legal practitioner assigned', 'مقرر کردہ وکیل')}>
          <Fields
            fields={[
              { label: b('Legal practitioner', 'وکیل کا نام'), value: <V v={evidenceOf(a4, 'lawyerName')} /> },
              { label: b('Informed the juvenile at', 'آگاہی کا وقت'), value: <When at={evidenceOf(a4, 'informedAt')} /> },
              juvenile && { label: b('Step A4', 'مرحلہ A4'), value: <StepState o={a4} />, span: true },
            ]}
          />
        </Section>
        <Signatures boxes={[{ role: L.sho }, { role: b('Legal practitioner', 'وکیل') }]} />
      </Closing>
    </>
  );
}

/** Production before the Juvenile Court and request for remand to the observation home (A5, A6). */
export function ProductionForm({ input }: Props) {
  const { record: r, evaluation: e } = input;
  const cls = classification(input);
  const max = punishmentText(r.offence?.maxPunishmentYears ?? (cls.known ? cls.max : undefined));
  const a1 = obligationOf(input, 'A1');
  const a6 = obligationOf(input, 'A6');
  const produced = r.custody?.producedAt;
  const inTime = produced && a6?.dueAt ? Date.parse(produced) <= Date.parse(a6.dueAt) : null;
  const relied = evidenceOf(a1, 'ageEvidence');
  return (
    <>
      <P className="addressee" t={{ en: <><b>{L.to.en}:</b> The Judge, Juvenile Court, District <V v={input.station.district} /></>, ur: <><b>{L.to.ur}:</b> جج صاحب، جووینائل کورٹ، ضلع <V v={input.station.district} /></> }} />
      <Section title={b('Juvenile produced', 'پیش کیا گیا کم عمر')}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.fatherName, value: <V v={r.child.fatherName} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.dateOfBirth, value: <V v={r.child.dateOfBirth} /> },
            { label: L.age, value: ageCell(input) },
            { label: b('Age evidence (A1)', 'عمر کا ثبوت (A1)'), value: relied ? <T t={AGE_EVIDENCE[relied]!} /> : <V v={null} /> },
            { label: L.address, value: <V v={r.child.address} />, span: true },
            { label: L.guardian, value: <><V v={r.guardian?.name} /> (<V v={r.guardian?.relation} />)</> },
            { label: L.phone, value: <V v={r.guardian?.phone} /> },
          ]}
        />
      </Section>
      <Section title={L.offence}>
        <Fields
          fields={[
            { label: L.firNumber, value: <><V v={r.offence?.firNumber} /> · <V v={r.offence?.firDate} /></> },
            { label: L.sections, value: <V v={sectionsText(input)} /> },
            { label: L.maxPunishment, value: max ? <T t={max} /> : <V v={null} /> },
            { label: L.offenceClass, value: <T t={OFFENCE_CLASS[e.offenceClass]} /> },
          ]}
        />
      </Section>
      <Section title={b('Custody and production', 'حراست اور پیشی')}>
        <Fields
          fields={[
            { label: L.arrestedAt, value: <When at={r.custody?.arrestedAt} /> },
            { label: L.custodyPlace, value: placeOf(input) },
            { label: b('Production due (24 h)', 'پیشی کا مقررہ وقت (24 گھنٹے)'), value: <When at={a6?.dueAt} /> },
            { label: L.producedAt, value: <When at={produced} /> },
            { label: b('Within 24 hours of arrest', 'گرفتاری کے 24 گھنٹوں میں'), value: inTime === null ? <V v={null} /> : <T t={inTime ? L.yes : L.no} />, span: true },
          ]}
        />
        <RuleLines input={input} ids={['A6']} />
      </Section>
      <Section title={b('Steps taken', 'اٹھائے گئے اقدامات')}>
        <table className="grid">
          <tbody>
            {(['A2', 'A3', 'A4', 'A5'] as const).map((id) => {
              const o = obligationOf(input, id);
              return (
                <tr key={id}>
                  <td className="w-rule"><V v={id} /></td>
                  <td>{o ? <T t={o.title} /> : null}</td>
                  <td className="w-step"><StepState o={o} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
      <Closing>
        <Section title={b('Request to the court', 'عدالت سے استدعا')}>
          <div className="ticks">
            <Tick on={false} label={remandLabel(input)} />
            <Tick on={false} label={b('Release on bail to the guardian or a suitable person (JJSA s.6)', 'سرپرست یا موزوں شخص کے حوالے ضمانت پر رہائی (دفعہ 6)')} />
            <Tick on={false} label={b('Referral to the Juvenile Justice Committee for diversion (JJSA s.9, s.10)', 'ڈائیورژن کے لیے جووینائل جسٹس کمیٹی کو ریفرل (دفعہ 9، 10)')} />
          </div>
          <div className="order-box">
            <T t={b('Order of the Juvenile Court', 'جووینائل کورٹ کا حکم')} />
          </div>
        </Section>
        <Signatures boxes={[{ role: L.io }, { role: L.sho }]} />
      </Closing>
    </>
  );
}

/** The remand request, with rule A5's own status (case-law, with the heinous-offence exception). */
function remandLabel(input: FormInput): Bilingual {
  const a5 = ruleText(input, 'A5');
  const status = statusText(a5);
  return {
    en: `Remand to the observation home during the inquiry (rule A5, ${a5.basis}: ${status.en})`,
    ur: `انکوائری کے دوران آبزرویشن ہوم میں ریمانڈ (قاعدہ A5، \u2066${a5.basis}\u2069: ${status.ur})`,
  };
}

type Position = { topic: Bilingual; position: Bilingual; basis: string; status: Bilingual | null; unconfirmed?: boolean };

const UNCONFIRMED_OFF = b('Unconfirmed guidance is switched off at this station: no position is stated.', 'اس تھانے میں غیر مصدقہ رہنمائی بند ہے: کوئی موقف درج نہیں۔');

/** The s.6 / s.9 position for this child, each line with its citation and status word. */
function positions(input: FormInput): Position[] {
  const { evaluation: e } = input;
  const band = e.ageAtArrest?.band ?? e.ageAtOffence?.band;
  const out: Position[] = [];
  if (band === 'under_10' || band === '10_13') {
    out.push({
      topic: b('Criminal responsibility', 'فوجداری ذمہ داری'),
      position:
        band === 'under_10'
          ? b('Under 10: nothing is an offence that is done by a child under ten.', '10 سال سے کم: دس سال سے کم عمر بچے کا کوئی فعل جرم نہیں۔')
          : b('10 to 13: no offence if the child had not attained sufficient maturity to understand the act; for the court to decide.', '10 سے 13 سال: اگر بچہ فعل سمجھنے کی سمجھ نہ رکھتا ہو تو جرم نہیں؛ عدالت طے کرے۔'),
      basis: band === 'under_10' ? 'PPC s.82' : 'PPC s.83',
      status: RULE_STATUS['case-law'],
    });
  }
  const rule = (id: string, topic: Bilingual, position: Bilingual) => {
    const o = e.obligations.find((x) => x.ruleId === id);
    if (!o || o.state === 'not_applicable') return;
    // Switched off: the status word only (the rule's note would state the position the station turned off).
    if (o.state === 'switched_off') out.push({ topic, position: UNCONFIRMED_OFF, basis: o.basis, status: RULE_STATUS.unconfirmed, unconfirmed: true });
    else out.push({ topic, position, basis: o.basis, status: statusText(o), unconfirmed: o.status === 'unconfirmed' });
  };
  if (e.offenceClass === 'unknown') {
    out.push({
      topic: b('Bail and diversion', 'ضمانت اور ڈائیورژن'),
      position: b('Cannot be stated: the offence class is unknown. Record the maximum punishment of the gravest section.', 'بیان نہیں کیا جا سکتا: جرم کا درجہ نامعلوم ہے۔ سنگین ترین دفعہ کی زیادہ سے زیادہ سزا درج کریں۔'),
      basis: 'JJSA s.2, s.6, s.9',
      status: null,
    });
  } else if (e.offenceClass === 'heinous') {
    const under16 = band === 'under_10' || band === '10_13' || band === '14_15';
    rule(
      'A11',
      b('Bail (heinous offence)', 'ضمانت (سنگین جرم)'),
      under16
        ? b('Under 16: treated as entitled to bail by secondary sources only. The court decides; police record the facts.', '16 سال سے کم: صرف ثانوی ذرائع کے مطابق ضمانت کا حق۔ فیصلہ عدالت کرے؛ پولیس حقائق درج کرے۔')
        : b('Over 16: bail may be refused on reasonable grounds. The court decides; police record the facts.', '16 سال سے زائد: معقول وجوہات پر ضمانت مسترد ہو سکتی ہے۔ فیصلہ عدالت کرے؛ پولیس حقائق درج کرے۔'),
    );
    out.push({
      topic: b('Diversion (heinous offence)', 'ڈائیورژن (سنگین جرم)'),
      position: b('Whether a heinous offence can be diverted is not established (secondary sources only): no position is stated; the JJC or the court decides.', 'سنگین جرم میں ڈائیورژن ممکن ہے یا نہیں، یہ ثابت نہیں (صرف ثانوی ذرائع): کوئی موقف درج نہیں؛ جے جے سی یا عدالت فیصلہ کرے۔'),
      basis: 'JJSA s.9, s.10',
      status: RULE_STATUS.unconfirmed,
      unconfirmed: true,
    });
  } else {
    rule(
      'A10',
      b('Bail', 'ضمانت'),
      b('A minor or major offence is bailable: release the juvenile, or place with a suitable person or a Juvenile Rehabilitation Centre under a probation officer; never in a police station or jail.', 'معمولی یا بڑا جرم قابل ضمانت ہے: کم عمر کو رہا کریں، یا پروبیشن افسر کی نگرانی میں موزوں شخص یا بحالی مرکز کے حوالے کریں؛ تھانے یا جیل میں ہرگز نہیں۔'),
    );
    rule(
      'A9',
      b('Diversion', 'ڈائیورژن'),
      b('Consider diversion and refer the case to the Juvenile Justice Committee during investigation; the s.173 report states the steps taken. The JJC decides within one month of referral.', 'ڈائیورژن پر غور کریں اور تفتیش کے دوران کیس جووینائل جسٹس کمیٹی کو بھیجیں؛ چالان میں اقدامات درج ہوں۔ کمیٹی ریفرل کے ایک ماہ میں فیصلہ کرتی ہے۔'),
    );
  }
  const a12 = e.obligations.find((o) => o.ruleId === 'A12');
  if (a12 && a12.state !== 'not_applicable' && a12.dueAt) {
    rule(
      'A12',
      b('Six months’ detention', 'چھ ماہ کی حراست'),
      b(`Bail as of right after six months’ continuous detention with the trial not concluded (delay not caused by the juvenile): from ${formatKarachi(a12.dueAt)}.`, `مقدمہ ختم ہوئے بغیر چھ ماہ مسلسل حراست کے بعد ضمانت کا حق (تاخیر کم عمر کی وجہ سے نہ ہو): \u2066${formatKarachi(a12.dueAt)}\u2069 سے۔`),
    );
  }
  return out;
}

/** Bail and diversion note: offence class, age band and the applicable s.6 / s.9 position (A9-A12). */
export function BailDiversionForm({ input }: Props) {
  const { record: r, evaluation: e } = input;
  const cls = classification(input);
  const max = punishmentText(r.offence?.maxPunishmentYears ?? (cls.known ? cls.max : undefined));
  const band = e.ageAtArrest?.band ?? e.ageAtOffence?.band;
  const a9 = obligationOf(input, 'A9');
  const a10 = obligationOf(input, 'A10');
  const a11 = obligationOf(input, 'A11');
  return (
    <>
      <Section title={b('Facts', 'حقائق')}>
        <Fields
          fields={[
            { label: L.name, value: <ChildName child={r.child} /> },
            { label: L.gender, value: <T t={GENDER[r.child.gender]} /> },
            { label: L.age, value: ageCell(input) },
            { label: L.ageBand, value: band ? <T t={AGE_BAND[band]} /> : <V v={null} /> },
            { label: L.firNumber, value: <V v={r.offence?.firNumber} /> },
            { label: L.sections, value: <V v={sectionsText(input)} /> },
            { label: L.maxPunishment, value: max ? <T t={max} /> : <V v={null} /> },
            { label: L.offenceClass, value: <T t={OFFENCE_CLASS[e.offenceClass]} /> },
            { label: L.arrestedAt, value: <When at={r.custody?.arrestedAt} /> },
            { label: L.custodyPlace, value: placeOf(input) },
          ]}
        />
      </Section>
      <Section title={b('Position under the JJSA (s.6 bail, s.9 diversion)', 'جے جے ایس اے کے تحت موقف (دفعہ 6 ضمانت، دفعہ 9 ڈائیورژن)')}>
        <table className="grid positions">
          <thead>
            <tr>
              <th className="w-topic"><T t={b('Topic', 'موضوع')} /></th>
              <th><T t={b('Position', 'موقف')} /></th>
              <th className="w-basis"><T t={L.legalBasis} /></th>
            </tr>
          </thead>
          <tbody>
            {positions(input).map((p, i) => (
              <tr key={i} className={p.unconfirmed ? 'unconfirmed' : undefined}>
                <td><T t={p.topic} /></td>
                <td>
                  <T t={p.position} />
                </td>
                <td>
                  <V v={p.basis} />
                  {p.status ? (
                    <div className="status-line">
                      <T t={p.status} />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="para small muted">
          <T t={b('Status words follow the legal reference: “Law (text)” is read in the Act; “Case-law” is established by reported judgments; “Unconfirmed guidance” comes from secondary sources only and is not presented as law.', 'حیثیت کے الفاظ قانونی حوالہ کے مطابق ہیں: "قانون کا متن" ایکٹ میں پڑھا گیا؛ "عدالتی نظیر" رپورٹ شدہ فیصلوں سے ثابت؛ "غیر مصدقہ رہنمائی" صرف ثانوی ذرائع سے ہے اور قانون کے طور پر پیش نہیں کی جاتی۔')} />
        </p>
      </Section>
      <Closing>
        <Section title={b('Recorded so far', 'اب تک درج')}>
          <Fields
            fields={[
              a9 && a9.state !== 'not_applicable' && { label: b('Diversion decision (A9)', 'ڈائیورژن کا فیصلہ (A9)'), value: evidenceOf(a9, 'referred') ? <T t={CHOICE[evidenceOf(a9, 'referred')!]!} /> : <V v={null} />, span: true },
              a10 && a10.state !== 'not_applicable' && { label: b('Bail outcome (A10)', 'ضمانت کا نتیجہ (A10)'), value: evidenceOf(a10, 'outcome') ? <T t={CHOICE[evidenceOf(a10, 'outcome')!]!} /> : <StepState o={a10} />, span: true },
              a11 && a11.state !== 'not_applicable' && a11.state !== 'switched_off' && { label: b('Court decision (A11)', 'عدالتی فیصلہ (A11)'), value: evidenceOf(a11, 'courtDecision') ? <T t={CHOICE[evidenceOf(a11, 'courtDecision')!]!} /> : <V v={null} />, span: true },
              { label: L.releasedAt, value: <When at={r.custody?.releasedAt} />, span: true },
            ]}
          />
        </Section>
        <Signatures boxes={[{ role: L.io }, { role: L.sho }]} />
      </Closing>
    </>
  );
}
