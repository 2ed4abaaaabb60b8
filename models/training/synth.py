"""Synthetic training text for Quarry's NER: the way people write to assistants and support agents (chat,
e-mail, clinical notes, English and Spanish), filled from faker's locale lists and the Presidio templates,
with lower-casing and typos. Deterministic for a given seed."""
import json
import random
import re

EN_LOCALES = ["en", "en_AU", "en_IN", "en_CA", "en_GB"]
ES_LOCALES = ["es", "es_MX"]
OTHER_LOCALES = ["fr", "de", "it", "pt_BR", "nl", "pl"]

KNOWN_ORGS = [
    "Google", "Microsoft", "Amazon", "Apple", "Netflix", "Spotify", "Uber", "Airbnb", "PayPal", "Stripe", "Shopify",
    "Tesla", "IBM", "Oracle", "Salesforce", "Adobe", "Intel", "Samsung", "Sony", "Nike", "Walmart", "Target",
    "Costco", "Verizon", "AT&T", "Comcast", "T-Mobile", "Vodafone", "Barclays", "HSBC", "Chase", "Wells Fargo",
    "Bank of America", "Citibank", "Santander", "BBVA", "CaixaBank", "Telefónica", "Iberdrola", "Mercadona",
    "El Corte Inglés", "Renfe", "Iberia", "Ryanair", "Delta", "United Airlines", "Lufthansa", "FedEx", "UPS",
    "DHL", "Kaiser Permanente", "Mayo Clinic", "Cleveland Clinic", "NHS", "Red Cross", "UNICEF", "Harvard",
    "Stanford", "MIT", "Oxford University", "Universidad Complutense", "Hospital Clínic", "Hospital La Paz",
    "Deloitte", "KPMG", "Accenture", "McKinsey", "Goldman Sachs", "Morgan Stanley", "Pfizer", "Moderna",
    "Bayer", "Siemens", "Volkswagen", "Toyota", "Ford", "General Motors", "Starbucks", "McDonald's", "IKEA",
    "Zara", "Inditex", "H&M", "Coca-Cola", "PepsiCo", "Unilever", "Nestlé", "OpenAI", "Anthropic", "Meta",
    "Twitter", "LinkedIn", "Slack", "Zoom", "Dropbox", "GitHub", "Atlassian", "Revolut", "Monzo", "N26",
]
ORG_PATTERNS_EN = ["{last} {suffix}", "{last} & {last2}", "{last} {noun}", "{city} General Hospital",
                   "University of {city}", "{city} Community College", "St. {last}'s Hospital", "{last} Law Group",
                   "{noun} Solutions", "{last} Dental", "{city} Credit Union", "{last} Insurance"]
ORG_PATTERNS_ES = ["{last} {suffix}", "{last} y {last2} {suffix}", "Hospital Universitario {city}",
                   "Universidad de {city}", "Clínica {last}", "Ayuntamiento de {city}", "Centro de Salud {city}",
                   "Grupo {last}", "Seguros {last}", "Banco {last}"]

EN_TEMPLATES = [
    "hi, my name is {PER} and I need help with my order",
    "Hello, I'm {PER}. I was charged twice by {ORG} last week.",
    "My name is {PER} and I live in {LOC}",
    "hey its {PER} again, still waiting on the refund from {ORG}",
    "Can you write a cover letter for {PER}? She is applying to {ORG} in {LOC}.",
    "Dear {PER},\n\nThank you for contacting {ORG} support. Your ticket has been escalated.\n\nBest regards,\n{PER}",
    "Hi {PER}, following up on our call about the {LOC} office. Thanks, {PER}",
    "I work at {ORG} and my manager {PER} wants a summary of this report",
    "Patient {PER}, 54, seen at {ORG} for chest pain. Referred by Dr. {PER}.",
    "Pt {PER} transferred from {LOC} to {ORG}. Follow-up with Dr. {PER} in 2 weeks.",
    "we are moving from {LOC} to {LOC} next month, what do i need to do about my {ORG} account",
    "Please draft an email to {PER} at {ORG} asking about the invoice",
    "my son {PER} goes to school in {LOC}, is there a good pediatrician nearby?",
    "Translate this for my neighbour {PER}: the package will be delivered tomorrow",
    "I booked a flight with {ORG} from {LOC} to {LOC} but it got cancelled",
    "Summarize this: {PER} met with {PER} from {ORG} in {LOC} to discuss the merger.",
    "my husband {PER} has diabetes and his doctor at {ORG} says his a1c is high",
    "Can you help me write a complaint to {ORG}? My name is {PER}, account holder since 2015.",
    "From: {PER}\nTo: {PER}\nSubject: Meeting in {LOC}\n\nSee you Thursday.",
    "ok so {PER} told me that {ORG} is hiring in {LOC}",
    "Write a birthday poem for my wife {PER}",
    "I'm {PER}, a nurse at {ORG}. How do I calculate a drip rate?",
    "what's the weather like in {LOC} in march",
    "Recommend restaurants in {LOC} for a date with {PER}",
    "{PER} from {LOC} here. My {ORG} router keeps dropping the connection.",
    "Thanks {PER}! I'll forward this to {PER} in accounting.",
    "The contract between {ORG} and {ORG} was signed by {PER}.",
    "Assessment: {PER} is a 67 y/o male admitted to {ORG} with pneumonia.",
    "Hi team, {PER} will cover for me while I'm in {LOC}. -- {PER}",
    "i was born in {LOC} but grew up in {LOC}",
    "Please update the shipping address for {PER}, the order from {ORG}.",
    "This is {PER} calling from {ORG} regarding your appointment.",
    "Tell me about the history of {LOC}",
    "Could you review my resume? Experience: {ORG} ({LOC}), {ORG}.",
    "my landlord {PER} won't return my deposit, I rent in {LOC}",
    "{PER}: are you coming to the {ORG} meetup in {LOC}?\n{PER}: yes!",
]
ES_TEMPLATES = [
    "Hola, me llamo {PER} y vivo en {LOC}",
    "Buenos días, soy {PER}. Tengo un problema con mi factura de {ORG}.",
    "Paciente {PER}, de 45 años, acude a {ORG} por dolor abdominal.",
    "Remitido por el Dr. {PER} desde {LOC}.",
    "Nombre: {PER}.\nDomicilio: {LOC}.\nMédico: {PER}.",
    "hola soy {PER} de {LOC}, mi pedido de {ORG} no ha llegado",
    "Estimado {PER}:\n\nLe escribimos desde {ORG} para confirmar su cita.\n\nUn saludo,\n{PER}",
    "Mi madre {PER} está ingresada en {ORG} en {LOC}",
    "¿Puedes escribir una carta para {PER}? Trabaja en {ORG}.",
    "me mudo de {LOC} a {LOC} y quiero cambiar mi cuenta de {ORG}",
    "Ingresa en el servicio de urgencias de {ORG}. Valorado por la Dra. {PER}.",
    "La reunión con {PER} de {ORG} será en {LOC} el jueves.",
    "mi hijo {PER} estudia en {LOC}, ¿qué me recomiendas?",
    "Gracias {PER}, se lo paso a {PER} del departamento de ventas.",
    "Soy {PER}, enfermera en {ORG}. ¿Cómo calculo la dosis?",
    "Resume esto: {PER} y {PER} firmaron el acuerdo con {ORG} en {LOC}.",
]
NEGATIVE_TEMPLATES = [
    "Can you fix this Python function? It returns None when the list is empty.",
    "What is the difference between TCP and UDP?",
    "Write a SQL query that groups orders by Month and sums the Total column.",
    "How do I center a div with CSS?",
    "Explain the French Revolution in three sentences.",
    "Give me a recipe for Chicken Tikka Masala.",
    "What does HTTP 404 mean?",
    "Summarize the plot of Hamlet.",
    "thanks that worked!",
    "Please make it shorter and more formal.",
    "I need a workout plan for Monday, Wednesday and Friday.",
    "¿Cuál es la capital de un país con más habitantes?",
    "Explícame qué es la fotosíntesis.",
    "El paciente refiere dolor torácico de dos horas de evolución. Se solicita ECG y Troponina.",
    "Convert 5 Miles to Kilometers.",
    "Is Excel or Google Sheets better for a budget?",
]
PRESIDIO_FILL = {
    "person": "PERSON", "name": "PERSON", "name_female": "PERSON", "name_male": "PERSON", "first_name": "PERSON",
    "first_name_male": "PERSON", "first_name_female": "PERSON", "first_name_nonbinary": "PERSON",
    "last_name": "PERSON", "last_name_male": "PERSON", "last_name_female": "PERSON",
    "city": "LOCATION", "country": "LOCATION", "organization": "ORGANIZATION",
}
FILLER = {
    "credit_card_number": lambda r: " ".join("".join(str(r.randint(0, 9)) for _ in range(4)) for _ in range(4)),
    "phone_number": lambda r: f"({r.randint(200, 999)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}",
    "building_number": lambda r: str(r.randint(1, 9999)),
    "age": lambda r: str(r.randint(18, 90)),
    "year": lambda r: str(r.randint(1950, 2024)),
    "postcode": lambda r: str(r.randint(10000, 99999)),
    "zipcode": lambda r: str(r.randint(10000, 99999)),
    "secondary_address": lambda r: f"Apt. {r.randint(1, 999)}",
    "email": lambda r: f"user{r.randint(1, 9999)}@example.com",
    "url": lambda r: f"https://example.com/{r.randint(1, 999)}",
    "iban": lambda r: "GB82WEST1234569876" + str(r.randint(1000, 9999)),
    "ssn": lambda r: f"{r.randint(100, 899)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}",
    "ip_address": lambda r: ".".join(str(r.randint(1, 254)) for _ in range(4)),
    "date_time": lambda r: f"{r.randint(1, 28)}/{r.randint(1, 12)}/20{r.randint(10, 24)}",
    "date_of_birth": lambda r: f"{r.randint(1, 28)}/{r.randint(1, 12)}/19{r.randint(40, 99)}",
    "day_of_week": lambda r: r.choice(["Monday", "Tuesday", "Friday"]),
    "nationality": lambda r: r.choice(["French", "American", "Mexican", "Indian"]),
    "nation_woman": lambda r: "Spanish woman", "nation_plural": lambda r: "Germans",
    "job": lambda r: r.choice(["teacher", "software engineer", "nurse", "accountant"]),
    "prefix_male": lambda r: "Mr.", "prefix_female": lambda r: "Mrs.", "prefix": lambda r: "Dr.",
    "state_abbr": lambda r: r.choice(["CA", "NY", "TX", "WA"]), "us_driver_license": lambda r: "D1234567",
}


class Pools:
    def __init__(self, lists):
        def gather(locales, field):
            return sorted({x for code in locales for x in lists.get(code, {}).get(field, [])})
        self.first = {"en": gather(EN_LOCALES, "firstNames"), "es": gather(ES_LOCALES, "firstNames"),
                      "other": gather(OTHER_LOCALES, "firstNames")}
        self.last = {"en": gather(EN_LOCALES, "lastNames"), "es": gather(ES_LOCALES, "lastNames"),
                     "other": gather(OTHER_LOCALES, "lastNames")}
        self.city = {"en": gather(EN_LOCALES, "cities"), "es": gather(ES_LOCALES, "cities"),
                     "other": gather(OTHER_LOCALES, "cities")}
        self.state = gather(EN_LOCALES + ES_LOCALES, "states")
        self.country = {"en": gather(["en"], "countries"), "es": gather(["es"], "countries")}
        self.street = gather(["en", "en_GB", "de"], "streets")
        self.noun = {"en": gather(["en"], "companyNouns"), "es": gather(["es"], "companyNouns")}
        self.suffix = {"en": gather(["en"], "companySuffixes"), "es": gather(["es"], "companySuffixes")}


def person(r, pools, lang):
    pool = lang if r.random() < 0.8 else "other"
    first, last = r.choice(pools.first[pool]), r.choice(pools.last[pool])
    shape = r.random()
    if shape < 0.45:
        return f"{first} {last}"
    if shape < 0.65:
        return first
    if shape < 0.75:
        return last
    if shape < 0.85 and lang == "es":
        return f"{first} {last} {r.choice(pools.last['es'])}"
    if shape < 0.92:
        return f"{first} {r.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
    return f"{first} {last}-{r.choice(pools.last[pool])}"


def location(r, pools, lang):
    shape = r.random()
    if shape < 0.6:
        return r.choice(pools.city[lang if r.random() < 0.8 else "other"])
    if shape < 0.75:
        return f"{r.choice(pools.city[lang])}, {r.choice(pools.state)}"
    if shape < 0.9:
        return r.choice(pools.country[lang])
    return r.choice(pools.state)


def organization(r, pools, lang):
    if r.random() < 0.35:
        return r.choice(KNOWN_ORGS)
    pattern = r.choice(ORG_PATTERNS_ES if lang == "es" else ORG_PATTERNS_EN)
    return pattern.format(last=r.choice(pools.last[lang]), last2=r.choice(pools.last[lang]),
                          suffix=r.choice(pools.suffix[lang]), noun=r.choice(pools.noun[lang]).title(),
                          city=r.choice(pools.city[lang]))


def typo(r, word):
    if len(word) < 4:
        return word
    i = r.randrange(1, len(word) - 1)
    kind = r.random()
    if kind < 0.4:
        return word[:i] + word[i + 1:]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def render(r, template, fill):
    """Fills {PER}/{LOC}/{ORG} slots; returns text and spans."""
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{(PER|LOC|ORG)\}", template):
        text += template[pos:m.start()]
        label = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}[m.group(1)]
        value = fill(label)
        spans.append({"start": len(text), "end": len(text) + len(value), "label": label})
        text += value
        pos = m.end()
    return text + template[pos:], spans


def augment(r, text, spans):
    """Lower-casing and typos outside entities, as people type; offsets are unchanged or rebuilt."""
    roll = r.random()
    if roll < 0.35:
        text = text.lower()
    elif roll < 0.45:
        chars = list(text)
        for s in spans:
            if s["label"] == "PERSON":
                chars[s["start"]:s["end"]] = list(text[s["start"]:s["end"]].lower())
        text = "".join(chars)
    elif roll < 0.48:
        text = text.upper()
    if r.random() < 0.3:
        out, new_spans, pos = "", [], 0
        bounds = sorted(spans, key=lambda s: s["start"])
        cuts = [(s["start"], s["end"]) for s in bounds]
        segments = []
        for s, e in cuts:
            segments.append((text[pos:s], None))
            segments.append((text[s:e], (s, e)))
            pos = e
        segments.append((text[pos:], None))
        span_at = {(s["start"], s["end"]): s for s in spans}
        for segment, key in segments:
            if key is None:
                segment = re.sub(r"[A-Za-z]{4,}", lambda m: typo(r, m.group(0)) if r.random() < 0.12 else m.group(0),
                                 segment)
                out += segment
            else:
                new_spans.append({"start": len(out), "end": len(out) + len(segment), "label": span_at[key]["label"]})
                out += segment
        text, spans = out, new_spans
    return text, spans


def presidio_record(r, pools, template):
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\{\{([a-z_]+)\}\}", template):
        text += template[pos:m.start()]
        key = m.group(1)
        label = PRESIDIO_FILL.get(key)
        if label == "PERSON":
            first, last = r.choice(pools.first["en"]), r.choice(pools.last["en"])
            value = first if "first" in key else last if "last" in key else f"{first} {last}"
        elif key == "city":
            value = r.choice(pools.city["en"])
        elif key == "country":
            value = r.choice(pools.country["en"])
        elif key == "organization":
            value = organization(r, pools, "en")
        elif key == "street_name":
            value = r.choice(pools.street)
        elif key == "address":
            value = f"{r.randint(1, 9999)} {r.choice(pools.street)}, {r.choice(pools.city['en'])}"
            label = "ADDRESS"
        else:
            value = FILLER.get(key, lambda _: "something")(r)
        if label:
            spans.append({"start": len(text), "end": len(text) + len(value), "label": label})
        text += value
        pos = m.end()
    return text + template[pos:], spans


def generate(lists, presidio_templates, seed, count):
    r = random.Random(seed)
    pools = Pools(lists)
    records = []
    for i in range(count):
        kind = r.random()
        if kind < 0.55:
            lang, template = "en", r.choice(EN_TEMPLATES)
        elif kind < 0.75:
            lang, template = "es", r.choice(ES_TEMPLATES)
        elif kind < 0.93:
            text, spans = presidio_record(r, pools, r.choice(presidio_templates))
            text, spans = augment(r, text, spans)
            records.append({"id": f"synth-{i}", "lang": "en", "text": text, "spans": spans})
            continue
        else:
            lang, template = "en", r.choice(NEGATIVE_TEMPLATES)
        makers = {"PERSON": person, "LOCATION": location, "ORGANIZATION": organization}
        text, spans = render(r, template, lambda label: makers[label](r, pools, lang))
        text, spans = augment(r, text, spans)
        records.append({"id": f"synth-{i}", "lang": lang, "text": text, "spans": spans})
    return records


if __name__ == "__main__":
    import sys
    lists = json.load(open(sys.argv[1]))
    templates = [t.strip() for t in open(sys.argv[2]) if t.strip()]
    for rec in generate(lists, templates, 7, 12):
        print(json.dumps(rec, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------------------------
# 0.2.0: social and chat text. Names alone and in first-name-only form dominate how people mention each other in
# comments, tweets and chat, often lower-cased; these records teach the model names in those positions.

WORLD_LOCALES = ["en_NG", "en_ZA", "en_GH", "zu_ZA", "yo_NG", "af_ZA", "sv", "da", "nb_NO", "fi", "cs_CZ", "hr",
                 "hu", "ro", "tr", "id_ID", "vi", "pt_PT", "de_AT", "fr_BE", "nl_BE", "sk", "sl_SI", "lv", "en_US",
                 "en_IE", "fr", "de", "it", "pt_BR", "nl", "pl"]
SOCIAL_TEMPLATES = [
    "Thank you {P} for {X}", "{P} you should {X}", "{P} and {P} {X}", "Who ships {P} and {P}", "{P} 's {X}",
    "How old are you {P}", "{P} I love your videos , you are amazing !", "lol {P} is so {X}", "omg {P} ! ! !",
    "wtf was wrong with {P} {X}", "Great video {P} ! Hope you and {P} had a great time", "{P} sucks {X}",
    "Am I the only one who can't stand how {P} talks", "If {P} made a new channel I would subscribe",
    "Good luck to you and {P} with everything !", "Interesting how {P} was n't there", "{P} is so right !",
    "{P} continues his streak {X}", "put {P} in the jail", "When will we get that {P} reaction ?",
    "Is {P} heel or face ?", "{P} is related to {P}", "i wish im {P}", "{P} and {P} is so cute", "rip {P} 😭",
    "happy birthday {P} ! ! 🎉", "{P} vs {P} who wins ?", "can't believe {P} said that", "miss you {P}",
    "{P} deserves better", "shoutout to {P} for {X}", "me and {P} {X}", "{P} , {X}", "{X} {P}", "{X} , {P} !",
    "{P} 's new song is fire", "Did {P} really {X} ?", "{P} looked so good in that dress", "go {P} ! ! !",
    "{P} for president lol", "that moment when {P} {X}", "{P} is the best player in {L}", "{P} from {L} ?",
    "{P} said {P} is moving to {L}", "my boy {P} {X}", "{P} ! call me when you get this", "@{H} {X}",
    "@{H} @{H} {X}", "{P} is trending again", "Watching {P} on {O} tonight", "{P} just signed with {O}",
    "Can someone tell {P} to {X} ?", "{P} played {X}", "honestly {P} > {P}", "{P} looking like {P} lmao",
    "Love this ! {X} — {P}", "{X}\n- {P}", "{X}\n\n{P}", "{P}\n{X}", "{P}: {X}\n{P}: {X}", "{P} ( {P} ) {X}",
    "Thanks for the help {P}", "Hey {P}, {X}", "hi {P} {X}", "ok {P} , {X}", "{P} ?", "{P} !", "@{H}",
    "The way {P} {X} 😂", "Anyone else think {P} {X}", "{P} and I {X}", "Me : {X} {P} : {X}", "#{T} {X}",
    "{X} #{T}", "Congrats {P} and {P} !", "RT @{H} : {P} {X}", "{P} 's mom {X}", "ask {P} about it",
]
SOCIAL_FILLERS = [
    "everything", "looking past the drama", "get some rest", "was amazing last night", "funny", "at the game",
    "did n't even show up", "ruined the whole season", "is back", "the best", "so cute", "went to the store",
    "had the best time", "needs to chill", "posted a new video", "is on tonight", "made my day", "is overrated",
    "got robbed", "never misses", "this is why i love this show", "i'm crying", "what a performance",
    "you guys are the best", "see you tomorrow", "can you send me the file", "let me know", "that was hilarious",
    "we need a sequel", "best episode ever", "should have won", "is a legend", "looks tired", "lost again",
    "broke the record", "this made me laugh", "agreed", "lmao", "same here", "we should hang out", "is my fav",
]
SPANISH_SOCIAL = ["jajaja {P} eres lo máximo", "{P} te quiero mucho", "feliz cumple {P} !", "{P} y {P} en {L}",
                  "gracias {P} por todo", "oye {P} , {X}", "{P} dijo que {X}"]


def social_person(r, pools):
    roll = r.random()
    pool = "en" if roll < 0.45 else "world" if roll < 0.8 else "other" if roll < 0.9 else "es"
    first, last = r.choice(pools.first[pool]), r.choice(pools.last[pool] or pools.last["en"])
    shape = r.random()
    name = first if shape < 0.55 else f"{first} {last}" if shape < 0.85 else last
    case = r.random()
    if case < 0.3:
        name = name.lower()
    elif case < 0.35:
        name = name.upper()
    return name


def handle(r, pools):
    first, last = r.choice(pools.first["en"]), r.choice(pools.last["en"])
    shape = r.random()
    h = first + last if shape < 0.4 else first + str(r.randint(1, 99)) if shape < 0.7 else first[0] + last
    h = re.sub(r"[^A-Za-z0-9]", "", h)
    return h.lower() if r.random() < 0.6 else h


def spaced(text):
    """wnut17-style pre-tokenised text: spaces around punctuation."""
    return re.sub(r"\s+", " ", re.sub(r"([.,!?:;()\"]|'(?=\w))", r" \1 ", text)).strip()


def social_template_record(r, pools):
    template = r.choice(SPANISH_SOCIAL) if r.random() < 0.1 else r.choice(SOCIAL_TEMPLATES)
    text, spans, pos = "", [], 0
    lowered = r.random() < 0.3
    tokenised = r.random() < 0.5
    for m in re.finditer(r"\{([PXLOHT])\}", template):
        literal = template[pos:m.start()]
        text += literal.lower() if lowered else literal
        key = m.group(1)
        if key == "X":
            text += r.choice(SOCIAL_FILLERS)
        elif key == "T":
            text += r.choice(["MondayMotivation", "tbt", "NBA", "music", "love", "fail", "news", "GameOfThrones"])
        else:
            if key == "P":
                value, label = social_person(r, pools), "PERSON"
            elif key == "H":
                value, label = handle(r, pools), "PERSON"
            elif key == "L":
                value, label = location(r, pools, "en"), "LOCATION"
            else:
                value, label = organization(r, pools, "en"), "ORGANIZATION"
            if lowered:
                value = value.lower()
            spans.append({"start": len(text) - (1 if key == "H" else 0), "end": len(text) + len(value),
                          "label": label})
            text += value
        pos = m.end()
    text += template[pos:].lower() if lowered else template[pos:]
    if tokenised:
        text, spans = respace(text, spans)
    return text, spans


def respace(text, spans):
    """Applies spaced() outside entities only, rebuilding offsets."""
    out, new_spans, pos = "", [], 0
    for s in sorted(spans, key=lambda s: s["start"]):
        piece = spaced(text[pos:s["start"]])
        out += (piece + " ") if piece else ""
        new_spans.append({"start": len(out), "end": len(out) + s["end"] - s["start"], "label": s["label"]})
        out += text[s["start"]:s["end"]] + " "
        pos = s["end"]
    out += spaced(text[pos:])
    return out.strip(), new_spans


def replace_mentions(r, pools, record):
    """A real social record with its entities swapped for generated ones (mention replacement); records with no
    entity sometimes get a name added at the start, at the end or as a signature."""
    text, spans = record["text"], sorted(record["spans"], key=lambda s: s["start"])
    out, new_spans, pos = "", [], 0
    for s in spans:
        if s["start"] < pos:
            continue
        out += text[pos:s["start"]]
        original = text[s["start"]:s["end"]]
        label = s["label"]
        if label == "PERSON":
            value = "@" + handle(r, pools) if original.startswith("@") else social_person(r, pools)
        elif label == "LOCATION" and r.random() < 0.7:
            value = location(r, pools, "en")
        elif label == "ORGANIZATION" and r.random() < 0.5:
            value = organization(r, pools, "en")
        else:
            value = original
        if label in ("PERSON", "LOCATION", "ORGANIZATION"):
            if original.islower() and r.random() < 0.7:
                value = value.lower()
            new_spans.append({"start": len(out), "end": len(out) + len(value), "label": label})
        out += value
        pos = s["end"]
    out += text[pos:]
    if not new_spans and r.random() < 0.6:
        name = social_person(r, pools)
        where = r.random()
        if where < 0.35:
            sep = r.choice([" , ", ", ", " ", ": "])
            new_spans.append({"start": 0, "end": len(name), "label": "PERSON"})
            out = name + sep + out
        else:
            sep = r.choice([" ", " , ", "\n- ", " — ", "\n\n", " -- "])
            new_spans.append({"start": len(out) + len(sep), "end": len(out) + len(sep) + len(name),
                              "label": "PERSON"})
            out = out + sep + name
    return out, new_spans


def generate_social(lists, social_records, seed, count):
    """count records: 60 % real social records (btc/wnut17 train) with replaced mentions, 40 % comment templates."""
    r = random.Random(seed + 1000)
    pools = Pools(lists)
    world = lambda f: sorted({x for code in WORLD_LOCALES for x in lists.get(code, {}).get(f, []) if " " not in x})
    pools.first["world"], pools.last["world"] = world("firstNames"), world("lastNames")
    records = []
    for i in range(count):
        if r.random() < 0.6:
            text, spans = replace_mentions(r, pools, r.choice(social_records))
        else:
            text, spans = social_template_record(r, pools)
        records.append({"id": f"social-{i}", "lang": "en", "text": text, "spans": spans})
    return records
