"""0.3.0 training text aimed at the 0.2.0 model's errors (read from the held-out sets' error lists by label):

  * clinical hard negatives, Spanish and English: service names after "Servicio:", drug names, organisms,
    eponymous signs and scales, abbreviations, section headings, doses and vital signs are all O; honorifics
    (Dr., Dra., Doctora) stay outside the PERSON span that follows them; real names, cities and hospitals
    still appear among them, so the context "clinical note" does not mean "no entity";
  * social hard negatives: insults, adjectives, pronouns and product words in the positions where a
    vocative name could stand (O), mixed with records that do name someone;
  * names people are mentioned by on social media that faker's lists lack: common English short forms
    (Bill, Jimmy, Liz) and well-known public figures and fictional characters by surname or nickname,
    often lower-cased.

Deterministic for a given seed."""
import random
import re

from synth import SOCIAL_FILLERS, SOCIAL_TEMPLATES, Pools, handle, location, organization, person, respace

SERVICES_ES = ["Urología", "Cardiología", "Nefrología", "Microbiología", "Microbiología Clínica", "Reumatología",
               "Neurología", "Oncología", "Oncología Médica", "Nutrición", "Pediatría", "Medicina Interna",
               "Anestesiología", "Ginecología", "Traumatología", "Dermatología", "Hematología", "Neumología",
               "Aparato Digestivo", "Endocrinología", "Psiquiatría", "Radiología", "Urgencias", "Cirugía General",
               "Oftalmología", "Otorrinolaringología", "Medicina Legal", "Anatomía Patológica", "Neonatología",
               "Cuidados Intensivos", "Rehabilitación", "Geriatría", "Medicina Nuclear", "Farmacia Hospitalaria"]
SERVICES_EN = ["Urology", "Cardiology", "Nephrology", "Microbiology", "Rheumatology", "Neurology", "Oncology",
               "Nutrition", "Pediatrics", "Internal Medicine", "Anesthesiology", "Gynecology", "Orthopedics",
               "Dermatology", "Hematology", "Pulmonology", "Gastroenterology", "Endocrinology", "Psychiatry",
               "Radiology", "Emergency Medicine", "General Surgery", "Infectious Diseases", "Palliative Care"]
DRUGS = ["Furosemida", "Mitomicina C", "metilprednisolona", "micofenolato", "diazepam", "metamizol", "mesalazina",
         "omeprazol", "paracetamol", "ibuprofeno", "amoxicilina", "ceftriaxona", "vancomicina", "enoxaparina",
         "insulina glargina", "metformina", "atorvastatina", "tacrolimus", "ciclosporina", "prednisona",
         "cinacalcet", "Calcitriol", "levotiroxina", "salbutamol", "tramadol", "morfina", "Sintrom", "Adiro",
         "Nolotil", "Augmentine", "Eutirox", "Seguril", "Dacortín", "Tamsulosina", "Lipitor", "Metformin",
         "Lisinopril", "Xarelto", "Eliquis", "Ozempic", "Humira", "Keytruda", "Tylenol", "Advil", "Zoloft",
         "Prozac", "Warfarin", "Coumadin", "Lasix", "Norvasc", "Plavix", "Januvia", "Synthroid", "Ventolin",
         "Amiodarona", "Digoxina", "Rituximab", "Bevacizumab", "Cisplatino", "BCG", "Interferón"]
ORGANISMS = ["Bartonella", "Coxiella", "Legionella", "Mycoplasma", "Chlamydia", "Escherichia coli",
             "Staphylococcus aureus", "Staphylococcus epidermidis", "Pseudomonas aeruginosa", "Klebsiella",
             "Candida albicans", "Ochrobactrum anthropi", "Listeria", "Salmonella", "Helicobacter pylori",
             "Enterococcus faecalis", "Proteus mirabilis", "Brucella", "Toxoplasma", "Aspergillus", "Leishmania",
             "Mycobacterium tuberculosis", "Streptococcus pneumoniae", "Clostridium difficile", "Treponema"]
EPONYMS = ["Murphy", "Blumberg", "Harris-Benedict", "Ziehl-Neelsen", "Ziehl Nielsen", "Gram", "Lowenstein",
           "Apgar", "Glasgow", "Babinski", "Romberg", "Lasègue", "Crohn", "Parkinson", "Alzheimer", "Hodgkin",
           "Cushing", "Addison", "Graves", "Wilms", "Kaposi", "Gleason", "Karnofsky", "Child-Pugh", "Fournier",
           "Mueller-Hinton", "Bactec", "Papanicolaou", "Holter", "Doppler", "Foley", "Wells", "Rovsing",
           "Giordano", "Brudzinski", "Kernig", "Tinel", "Phalen", "Hartmann", "Whipple", "Lown", "Killip"]
ABBREVIATIONS = ["HTA", "DM", "DM2", "FAC", "ICC", "NYHA", "EPOC", "TAC", "RMN", "ECG", "PCR", "VIH", "VHC", "VHB",
                 "HCO3", "ARA II", "IECA", "CU", "TEA", "UCI", "IAM", "ACV", "L1", "L4-L5", "G1", "G2", "pTa",
                 "pT1", "T2N0M0", "PSA", "UIV", "RTU", "LEOC", "BCG", "AntHBs", "VDRL", "PAS", "CMSP", "PTH",
                 "INR", "LDH", "GGT", "FEVI", "ITU", "ERC", "HBP", "COPD", "CHF", "CKD", "MRI", "CT", "EKG", "CBC",
                 "BMP", "HbA1c", "eGFR", "BUN", "TSH", "COVID-19", "SARS-CoV-2", "NSAID", "BID", "PRN", "NPO"]
CLINICAL_ES = ["neoplasia de pene", "litiasis renal", "carcinoma transicional", "insuficiencia renal crónica",
               "hiperplasia benigna de próstata", "colitis ulcerosa", "neumonía adquirida en la comunidad",
               "hematuria macroscópica", "pielonefritis aguda", "fibrilación auricular", "cólico nefrítico",
               "trombosis venosa profunda", "síndrome nefrótico", "diabetes mellitus tipo 2"]
SECTIONS_ES = ["Antecedentes", "Anamnesis", "Exploración física", "Evolución", "Tratamiento", "Juicio clínico",
               "Pruebas complementarias", "Laboratorio", "Diagnóstico Principal", "Enfermedad actual",
               "Informe clínico", "Plan", "Comentario", "Exploración", "Analítica", "Recomendaciones al alta"]
SECTIONS_EN = ["History", "Assessment", "Plan", "Physical Exam", "Labs", "Impression", "Medications",
               "Allergies", "Discharge Summary", "Chief Complaint", "Follow-up", "Hospital Course"]
HONORIFICS_ES = ["Dr.", "Dra.", "Dr", "Dra", "Doctor", "Doctora", "D.", "Dña."]
HONORIFICS_EN = ["Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Prof."]

CLINICAL_TEMPLATES_ES = [
    "Servicio: {SERV}. Médico: {P}.", "Especialidad: {SERV}. Médico: {HON} {P}.",
    "Responsable clínico: {HON} {P}. Servicio de {SERV}. {O}.", "Remitido por: {HON} {P}, Servicio de {SERV}.",
    "Se inicia tratamiento con {DRUG} y {DRUG}.", "Se aísla {ORG_} en el hemocultivo.",
    "Serologías para {ORG_}, {ORG_} y {ORG_} negativas.", "Signo de {EPO} negativo.", "{EPO} positivo.",
    "Antecedentes: {ABBR}, {ABBR} y {ABBR}.", "{SECTION}: {ABBR} de {NUM} mg/día.",
    "Dosis de {DRUG} de {NUM} mg cada 8 horas.", "Ingresa en {SERV} por {CLIN}.",
    "Diagnóstico Principal: {CLIN}.", "{SECTION}: {CLIN}.", "TA {NUM}/{NUM}. FC {NUM} lpm. {ABBR} {NUM}.",
    "Paciente de {NUM} años natural de {L} que acude a {O} por {CLIN}.", "Se realizan tinciones de {EPO} y {EPO}.",
    "Valorado en consulta de {SERV}, se solicita {ABBR} y {ABBR}.", "Ante el deterioro, se pauta {DRUG}.",
    "Reinterrogado, refiere {CLIN} desde hace {NUM} meses.", "Pasados {NUM} días, se retira {DRUG}.",
    "Ingresó en Hospital de Día durante {NUM} meses.", "Acude al hospital por {CLIN}.",
    "Se realiza {ABBR} de control en {O}.", "Ecuación de {EPO}: {NUM} kcal/día.",
    "{SECTION}: hemoglobina {NUM} g/dl, {ABBR} {NUM}, {ABBR} {NUM}.", "Control en {SERV} con {HON} {P} en {L}.",
    "{HON} {P}. {O}. {L}.", "Remitido a {SERV} del {O}.",
]
CLINICAL_TEMPLATES_EN = [
    "Consult: {SERVEN}. Attending: {HONEN} {P}.", "Started on {DRUG} {NUM} mg daily.", "{EPO} sign negative.",
    "Cultures grew {ORG_}.", "PMH: {ABBR}, {ABBR}, {ABBR}.", "{SECTIONEN}: {ABBR} {NUM}, {ABBR} {NUM}.",
    "Seen by {HONEN} {P} in {SERVEN} at {O}.", "BP {NUM}/{NUM}, HR {NUM}.", "Switched from {DRUG} to {DRUG}.",
    "Referred to {SERVEN} for {ABBR} follow-up.", "{SECTIONEN}: continue {DRUG}, recheck {ABBR} in {NUM} weeks.",
    "Patient from {L}, transferred to {O}.", "{EPO} score {NUM}.", "Negative {EPO} and {EPO} tests.",
]
INSULTS = ["dumb", "garbage", "moron", "idiot", "loser", "looser", "clown", "trash", "stupid", "fool", "genius",
           "legend", "king", "queen", "bro", "mate", "dude", "fam", "sis", "babe", "buddy", "champ", "noob", "boss",
           "ugly", "adorable", "ridiculous", "irritating", "smart", "humble", "fake", "freaking", "unfunny",
           "cute", "savage", "beast", "hater", "troll", "snowflake", "boomer", "GOAT", "MVP"]
PRONOUNS = ["he", "she", "him", "her", "himself", "herself", "they", "them", "you", "u", "ya", "y'all", "i", "me",
            "we", "this guy", "that girl", "the guy", "my guy", "this dude", "everyone", "nobody", "someone"]
SOCIAL_NEGATIVE_TEMPLATES = [
    "you are so {ADJ}", "{ADJ} !", "what a {ADJ}", "lol {PRON} did it {PRON}", "{PRON} is such a {ADJ}",
    "this {THING} is {ADJ}", "{CAP} !", "{CAP} {CAP} !", "{PRON} said {X}", "ok {ADJ} , {X}", "{ADJ} {X}",
    "hey {ADJ} , {X}", "{X} {ADJ}", "thanks {ADJ} !", "omg {PRON} {X}", "{CAP} , {X}", "Good job {ADJ}",
    "i love this {THING}", "the {THING} is {ADJ} lol", "{PRON} and {PRON} {X}", "shoutout to the {THING} 🙌",
    "GIVEAWAY ! win a {THING}", "Bravo {ADJ} !", "LMFAO {PRON} {X}", "#{CAP} {X}",
]
THINGS = ["spinner", "button", "channel", "video", "game", "phone", "camera", "Pokemon", "pouch", "style",
          "feature", "update", "album", "song", "movie", "episode", "trailer", "show", "meme", "thread", "app"]
CAPS = ["Great", "Glad", "Happy Monday", "Fake", "Nifty", "Tiny", "Modern", "Furious", "Mine", "Galaxy", "Earth",
        "ZERO", "NEW", "Amazing", "Awesome", "Brilliant", "Legendary", "Sorry", "Congrats", "Finally", "Wow"]
SHORT_FORMS = ["Bill", "Billy", "Bob", "Bobby", "Jim", "Jimmy", "Tom", "Tommy", "Mike", "Mikey", "Liz", "Kate",
               "Katie", "Wendy", "Casey", "Cindy", "Brett", "Vanessa", "Trish", "Tay", "Ty", "Jay", "Floyd", "Amos",
               "Bridget", "Shaq", "Conor", "Crissy", "Gunther", "Kendrick", "Dre", "Pat", "Sam", "Sammy", "Alex",
               "Chris", "Danny", "Dave", "Eddie", "Frankie", "Gabe", "Hank", "Izzy", "Jake", "Jen", "Jess", "Joey",
               "Kev", "Lexi", "Matt", "Nate", "Nick", "Ollie", "Pete", "Rob", "Ronnie", "Steph", "Tony", "Vic",
               "Zach", "Becky", "Abby", "Maddie", "Nat", "Rach", "Tash", "Mo", "Benny", "Charlie", "Freddie"]
PUBLIC_FIGURES = ["Trump", "Donald Trump", "Obama", "Barack Obama", "Hillary", "Clinton", "Biden", "Bernie",
                  "Putin", "Hitler", "Stalin", "Churchill", "Lincoln", "Gandhi", "Mandela", "Merkel", "Macron",
                  "Oprah", "Beyonce", "Rihanna", "Drake", "Kanye", "Kim Kardashian", "Taylor Swift", "Adele",
                  "Eminem", "Jay-Z", "Busta Rhymes", "Snoop", "Bieber", "Messi", "Ronaldo", "Neymar", "LeBron",
                  "Kobe", "Jordan", "Curry", "Canelo", "Mayweather", "McGregor", "Conor McGregor", "Federer",
                  "Serena", "Elon", "Elon Musk", "Zuckerberg", "Bezos", "Gates", "Jobs", "Clint Eastwood",
                  "Spielberg", "Tarantino", "DiCaprio", "Brad Pitt", "Denzel", "Keanu", "Weird Al", "Colbert",
                  "Fallon", "Kimmel", "Ellen", "PewDiePie", "Ninja", "Shakira", "Bad Bunny", "Maluma",
                  "Joker", "Batman", "Nightwing", "Black Adam", "Spider-Man", "Superman", "Wonder Woman",
                  "Krillin", "Goku", "Vegeta", "Pikachu", "Mario", "Luigi", "Homer", "Bart Simpson", "Rick",
                  "Morty", "Harry Potter", "Hermione", "Gandalf", "Frodo", "Darth Vader", "Yoda", "Sherlock",
                  "Thanos", "Deadpool", "Wolverine", "Hulk", "Thor", "Loki", "Elsa", "Shrek", "SpongeBob"]


def _fill_template(r, template, fillers, lowered=False):
    """Replaces {KEY} slots; fillers maps a key to (value maker, label or None). Returns text and spans."""
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{([A-Z_]+)\}", template):
        literal = template[pos:m.start()]
        text += literal.lower() if lowered else literal
        make, label = fillers[m.group(1)]
        value = make()
        if lowered:
            value = value.lower()
        if label:
            spans.append({"start": len(text), "end": len(text) + len(value), "label": label})
        text += value
        pos = m.end()
    rest = template[pos:]
    return text + (rest.lower() if lowered else rest), spans


def clinical_record(r, pools):
    spanish = r.random() < 0.7
    lang = "es" if spanish else "en"
    num = lambda: str(r.choice([r.randint(1, 99), r.randint(100, 2000), r.randint(1, 12) * 250]))
    fillers = {
        "SERV": (lambda: r.choice(SERVICES_ES), None), "SERVEN": (lambda: r.choice(SERVICES_EN), None),
        "DRUG": (lambda: r.choice(DRUGS), None), "ORG_": (lambda: r.choice(ORGANISMS), None),
        "EPO": (lambda: r.choice(EPONYMS), None), "ABBR": (lambda: r.choice(ABBREVIATIONS), None),
        "NUM": (num, None), "CLIN": (lambda: r.choice(CLINICAL_ES), None),
        "SECTION": (lambda: r.choice(SECTIONS_ES), None), "SECTIONEN": (lambda: r.choice(SECTIONS_EN), None),
        "HON": (lambda: r.choice(HONORIFICS_ES), None), "HONEN": (lambda: r.choice(HONORIFICS_EN), None),
        "P": (lambda: person(r, pools, lang), "PERSON"), "L": (lambda: location(r, pools, lang), "LOCATION"),
        "O": (lambda: organization(r, pools, lang), "ORGANIZATION"),
    }
    pool = CLINICAL_TEMPLATES_ES if spanish else CLINICAL_TEMPLATES_EN
    text, spans = "", []
    for _ in range(r.randint(2, 6)):
        if text:
            text += r.choice([" ", " ", "\n"])
        piece, piece_spans = _fill_template(r, r.choice(pool), fillers)
        spans += [dict(s, start=s["start"] + len(text), end=s["end"] + len(text)) for s in piece_spans]
        text += piece
    return text, spans


def social_record(r, pools):
    """Half hard negatives (no entity), half named mentions by short form or public figure."""
    if r.random() < 0.5:
        fillers = {"ADJ": (lambda: r.choice(INSULTS), None), "PRON": (lambda: r.choice(PRONOUNS), None),
                   "THING": (lambda: r.choice(THINGS), None), "CAP": (lambda: r.choice(CAPS), None),
                   "X": (lambda: r.choice(SOCIAL_FILLERS), None)}
        return _fill_template(r, r.choice(SOCIAL_NEGATIVE_TEMPLATES), fillers, lowered=r.random() < 0.3)

    def name():
        value = r.choice(SHORT_FORMS) if r.random() < 0.5 else r.choice(PUBLIC_FIGURES)
        return value.lower() if r.random() < 0.3 else value

    fillers = {"P": (name, "PERSON"), "H": (lambda: handle(r, pools), None),
               "X": (lambda: r.choice(SOCIAL_FILLERS), None),
               "L": (lambda: location(r, pools, "en"), "LOCATION"),
               "O": (lambda: organization(r, pools, "en"), "ORGANIZATION"),
               "T": (lambda: r.choice(["tbt", "NBA", "music", "news"]), None)}
    template = r.choice([t for t in SOCIAL_TEMPLATES if "{H}" not in t])
    text, spans = _fill_template(r, template, fillers, lowered=r.random() < 0.2)
    if r.random() < 0.5:
        text, spans = respace(text, spans)
    return text, spans


def generate_hard_cases(lists, seed, count):
    """count records: 55 % clinical notes, 45 % social comments (see the module doc)."""
    r = random.Random(seed + 3000)
    pools = Pools(lists)
    records = []
    for i in range(count):
        if r.random() < 0.55:
            text, spans = clinical_record(r, pools)
            lang = "es"
        else:
            text, spans = social_record(r, pools)
            lang = "en"
        records.append({"id": f"hard-{i}", "lang": lang, "text": text, "spans": spans})
    return records
