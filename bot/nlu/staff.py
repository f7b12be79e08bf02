"""Whether a message is about a member of staff (a colleague, or the one typing) rather than a patient:
the concern then becomes staff_experiencing or staff_causing. Nothing here keeps or logs the text."""
from __future__ import annotations

import re

from .people import RELATION

_JOBS = (r"nurses?|dns?|keyworkers?|podiatrists?|chiropodists?|osteopaths?|optometrists?|optoms?|opticians?|dietitians?"
         r"|dental nurses?|counter assistants?|(?:pharmacy|dental|optical) assistants?|enps?|anps?|acps?|ecps?"
         r"|(?:sarc |forensic )?examiners?|(?:d a|d and a|dna) workers?|custody (?:nurses?|nurse practitioners?)"
         r"|doctors?|gps?|hcas?|(?:health ?care|care) assistants?|receptionists?|porters?|midwi(?:fe|ves)"
         r"|paramedics?|consultants?|registrars?|pharmacists?|physios?|therapists?|health visitors?|dentists?"
         r"|support workers?|cleaners?|locums?|managers?|students?|trainees?|phlebotomists?|dispensers?"
         r"|dispensary assistants?|(?:staff|student|agency|bank|senior|junior|band \d+) nurses?|junior doctors?"
         r"|(?:physician|nursing) associates?|apprentices?|secretar(?:y|ies)|administrators?|ward clerks?"
         r"|sonographers?|radiographers?|paramedic practitioners?|gp partners?|hcsws?|(?:pharmacy )?techs?|technicians?"
         r"|practice receptionists?|volunteers?|drivers?|(?:practice|ward|deputy|assistant|site) managers?|call handlers?"
         r"|regs?|band \d+|theatre (?:nurses?|staff)|scrub nurses?|cpns?|social prescribers?|care coordinators?"
         r"|(?:safeguarding|reception|team|clinical|nurse|ward) leads?|named (?:nurses?|midwi(?:fe|ves)|gps?)"
         r"|clinicians?|drs?|(?:crisis|team|key|care|outreach|community|drug|substance|alcohol|support) workers?|(?:gp|specialty) trainees?"
         r"|f1|f2|fy1|fy2|sho|regs?|odps?|scrub (?:nurses?|practitioners?)|anaesthetists?|surgeons?|hv|hvs"
         r"|ward sisters?|charge nurses?|matrons?")
# A message opening with a bare "student" is about a patient who studies ("student came in for an STI
# screen"); a student on the staff names their course or says so ("student nurse", "student here")
_NOT_A_STUDENT_PATIENT = r"(?!students?\b(?! (?:nurse|midwife|doctor|paramedic|physio|here|on placement)\b))"
# A staff member, wherever in the message: the concern becomes staff_experiencing / staff_causing.
STAFF_RE = re.compile(
    # the patient's own colleagues ("her work colleagues have seen them") are not ours
    r"\b(?:(?<!her )(?<!his )(?<!their )(?<!her work )(?<!his work )(?<!their work )(?:colleagues?|co ?workers?|workmates?)"
    r"|member of (?:the )?(?:staff|team)|staff member"
    r"|one of (?:our|my|the) (?:\w+ ){0,2}(?:nurses|doctors|gps|staff|team|receptionists|assistants|hcas|locums|trainees|students"
    r"|partners at the practice|gp partners|partners|call handlers|phlebotomists|health visitors|secretaries|admin staff|domestics"
    r"|midwives|colleagues|paramedics|porters|cleaners|managers|consultants|registrars|pharmacists|therapists)"
    r"|(?:at|in|on|from) (?:our|my) (?:practice|surgery|team|ward|unit|department|clinic|trust)"
    r"|^(?:a|an|our|one of (?:our|the|my)) (?:male |female |junior |senior |student |trainee |new |practice |district "
    r"|community |staff |ward |bank |agency |locum |dental |charge |lead |specialist )?"
    r"(?:nurses?|doctors?|gps?|hcas?|(?:health ?care|care) assistants?|receptionists?|porters?|midwi(?:fe|ves)"
    r"|paramedics?|consultants?|registrars?|pharmacists?|physios?|therapists?|health visitors?"
    r"|practice managers?|support workers?|cleaners?|locums?(?: gps?| doctors?)?|gp registrars?|trainees?|students?"
    r"|phlebotomists?|apprentices?|secretar(?:y|ies))"
    r"(?= (?:on|in|at|from|told|says|said|disclosed|admitted|confessed|has|is|was|who))"
    r"|(?:our|my) (?:practice manager|ward manager|team leader|line manager|manager|boss|supervisor)"
    r"|as (?:her|his|their) (?:line )?(?:manager|supervisor|team leader|clinical supervisor|educational supervisor)"
    r"|on (?:the|our|my) (?:rota|shift|team rota)"
    # "a doctor I work with", "someone who works on our ward", "I manage a midwife", "one of my team"
    r"|(?:" + _JOBS + r"|someone|somebody) (?:i|we) work with|(?:who|that) works (?:with me|with us|here|in our|on our|at our)"
    r"|i (?:manage|supervise|line manage)|(?:one|member|members) of my (?:team|staff)"
    r"|i am (?:a|an|the) (?:\w+ ){0,2}(?:" + _JOBS + r"|gp registrar|ward sister|sister)|i work (?:here |on the ward |in the practice )?as (?:a|an)"
    r"|^as (?:a|an) (?:\w+ ){0,3}(?:" + _JOBS + r")\b"
    r"|^" + _NOT_A_STUDENT_PATIENT + r"(?:" + _JOBS + r") (?=(?:was|is|has|had|mentioned|admitted|told|says|said|disclosed|on|from|in|at|keeps?|came|comes|gets"
    r"|seen|crying|upset|tearful|in tears|screams|shouts|boasts|hits|takes|tracks|checks|controls"
    r"|wife|husband|partner|girlfriend|boyfriend)\b)"
    r"|^(?:me|myself|its me|it is me)\W+(?:a |an |the )?(?:\w+ )?(?:" + _JOBS + r")\b"
    # a job with a word before it ("theatre nurse", "senior reg") reports on a patient when it "says";
    # it is the staff member when it admits, discloses, keeps doing or comes in with something
    r"|^(?:\w+ ){1,2}(?:" + _JOBS + r") (?=(?:admitted|admits|disclosed|discloses|confided|keeps?|came|comes|has been|was seen"
    r"|on (?:nights|days|our|the|my|placement))\b)"
    r"|(?:a|an|the|another|one of the|one of our) (?:\w+ )?(?:" + _JOBS + r") (?:here|on (?:our|the|my|her|his) (?:team|ward|rota|unit))"
    # a staff member's relationship opening the message: "locum pharmacists ex wife came in ..."
    r"|^" + _NOT_A_STUDENT_PATIENT + r"(?:(?:a|an|the|our|one of our) )?(?:\w+ )?(?:" + _JOBS + r")s (?=(?:ex|wife|husband|partner|girlfriend|boyfriend|son|daughter|mum|dad)\b)"
    r"|crew ?mates?|fellow (?:" + _JOBS + r"|staff members?))\b"
    r"|^(?:hr|human resources|occupational health|occ health|(?:staff )?wellbeing(?: team)?|staff support)\b"
    r"|\b(?:hr|occ health|occupational health|wellbeing team) (?:here|query|case|referral)\b"
    r"|^(?:\w+ ){0,3}?our (?:\w+ )?(?:" + _JOBS + r"|ward sister|charge nurse|matron|domestics?)\b"
    r"|^(?:the|our|a|an) (?:registrar|consultant|f1|f2|fy1|fy2|sho|reg|ward sister|charge nurse|matron|staff nurse)\b"
    r"|\b(?:a|an|one of the|one of our) (?:\w+ )?(?:" + _JOBS + r"|f1|f2|fy1|fy2|sho) (?:on|in|from) (?:ward|unit|bay) \w+"
    # a role only staff hold in a practice or on a ward: "the receptionist told me ...", "our locum GP"
    r"|^(?:the|our) (?:new |junior |senior |student |trainee |bank |agency |practice |surgery |ward )?(?:receptionists?|locum(?: gp| doctor)?|hcas?|(?:health ?care|care) assistants?|practice (?:nurse|manager)"
    r"|junior doctors?|porters?|ward clerks?)s?\b")

# The one typing says they are staff, or that the message is about them and not a patient
ABOUT_ME = re.compile(r"\basking for (?:myself|me)\b|\bfor myself\b|\b(?:about|is|its|it is) me\b|^(?:for )?me personally\b"
                      r"|^me\s*[-:\u2013]?\s*(?=my\b)|\b(?:its|it is|this is) happening to me\b|\bhelp for me\b"
                      r"|\b(?:this|it) is for me\b(?! to)"
                      r"|\b(?:this is|its|it is) personal\b|^personal (?:question|q|one|thing)\b|\b(?:can|could) i use this for me\b"
                      r"|^me not (?:a |the )?(?:patient|pt)\b|\bnot a (?:patient|pt) (?:q|question|query)\b"
                      r"|\b(?:about|writing about|asking about) my own (?:family|relationship|partner|marriage|home)\b"
                       r"|\bnot (?:about )?(?:a|the|one of my|my) (?:patient|client)s?\b")
TYPER_IS_STAFF = re.compile(
    r"^" + _NOT_A_STUDENT_PATIENT + r"(?:\w+ ){0,2}?(?:" + _JOBS + r"|ae|ed|a and e|hv|dn|mh nurse|mental health nurse|district nurse)(?: here)?\b"
    r"|" + ABOUT_ME.pattern +
    r"|\bi (?:work|am working|do shifts|do nights|do days)\b|\b(?:i am|im) (?:a|an|the) (?:\w+ ){0,3}?(?:" + _JOBS + r")\b"
    r"|\b(?:i am|im|i'm) (?:on|working) (?:nights|shift|lates|earlies|days|a late|an early)\b"
    r"|\b(?:let me|me to|i) (?:do|work) (?:nights|lates|earlies|night shifts)\b"
    r"|\bmy work (?:emails?|phone|laptop|rota|badge|uniform|car)\b"
    r"|\bstaff (?:nights? out|party|parties|do|christmas do|room)\b|\b(?:the |our )?(?:practice|surgery|staff) car park\b"
    r"|\bmy job (?:at|in|on) the (?:pharmacy|practice|surgery|ward|hospital|clinic|unit|trust|health centre)\b"
    r"|\b(?:i am|im|i|me) (?:\w+ ){0,8}?(?:asking|ask|screening|screen|seeing|see|treating|treat) (?:my |our |the )?(?:pts|patients|clients)\b"
    r"|\b(?:back on|a run of|doing|after|home from|back from) (?:every |each |a |my )?(?:nights|lates|earlies|shifts?|night shifts?|long days?)\b|\bmy (?:shift|rota|shifts)\b"
    r"|\bafter (?:a |my |the )?(?:\w+ )?(?:shift|handover)\b|\bon the same (?:\w+ )?team\b"
    r"|\bbetween (?:pts|patients|cases|clinics|calls)\b|\b(?:get|got|come|came|getting) (?:in|home|back) from (?:nights|work|a shift|shift)\b"
    r"|\b(?:shifts?|rota) (?:i am|im) on\b|\b(?:i am|im) one of the (?:" + _JOBS + r")\b|\bq(?:uestion)? from a (?:" + _JOBS + r")\b"
    r"|\b(?:on|in) the (?:clinical )?(?:system|records)\b|\bon (?:emis|systmone|rio|epic|cerner)\b"
    # "im an FY2", "I am doctor here" (no article, as staff with English as a second language write)
    r"|\b(?:i am|im) (?:an? )?(?:fy1|fy2|f1|f2|sho|st\d|ct\d|gp trainee|band \d)\b|\b(?:i am|im) (?:" + _JOBS + r")\b"
    # a GP session or a staff party the one typing is part of: "late back from evening surgery", "the practice xmas do"
    r"|\b(?:late|back|home) (?:\w+ )?from (?:evening|morning|afternoon|saturday) surgery\b"
    r"|\b(?:the |our )?(?:practice|ward|team|department|surgery|unit) (?:xmas|christmas|summer|leaving) (?:do|party|meal|night out|drinks)\b"
    r"|\breport\w* me to (?:the )?(?:nmc|gmc|hcpc|gdc|gphc|my manager|work|my employer)\b"
    r"|\b(?:we )?both work (?:at|in|on) (?:the|this|our) (?:surgery|practice|ward|hospital|unit|department|pharmacy)\b"
    r"|\bpatient (?:stuff|notes|records|details|data|information|info) on my\b")
_REL_WORDS = "|".join(sorted(RELATION, key=len, reverse=True))
STAFF_RELATION = re.compile(
    rf"\b(?:{_REL_WORDS}) (?:who |that |he |she )?(?:works|is working|also works) (?:on|in|at|for) (?:our|the) "
    r"(?:reception|ward|practice|team|surgery|department|unit|clinic|pharmacy|dispensary)"
    rf"|\b(?:{_REL_WORDS}) (?:(?:he|she|who) )?is (?:one of our|a|an|our) (?:\w+ ){{0,2}}?(?:" + _JOBS + r")\b"
    r"|\bour (?:" + _JOBS + rf") who is (?:her|his|their) (?:{_REL_WORDS})\b")
_MY_RELATION = re.compile(rf"\bmy (?:own |\w+ )?(?:{_REL_WORDS})\b")


def about_the_typer(norm: str) -> bool:
    """The one typing is staff and writes about their own relationship ("I'm a neonatal nurse and my
    partner ..."), so the concern is a staff one even when no harm is read."""
    return bool(TYPER_IS_STAFF.search(norm) and _MY_RELATION.search(norm))
