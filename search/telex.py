"""Reading Telex and VNI keystrokes typed with the Vietnamese input method off.

`ddawng kys khai sinh` (Telex) and `d9a8ng ky1 khai sinh` (VNI) both mean "đăng ký khai
sinh" (domain.md §4.5). A query is decoded only when it has no diacritics, and the
decoding is kept only when every changed word becomes a well-formed Vietnamese syllable;
the search then also looks for the decoded text and offers it as "Bạn muốn tìm".
"""

import re
import unicodedata

TELEX_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
VNI_TONES = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
TELEX_LETTERS = [
    ("dd", "đ"),
    ("uow", "ươ"),
    ("aa", "â"),
    ("aw", "ă"),
    ("ee", "ê"),
    ("oo", "ô"),
    ("ow", "ơ"),
    ("uw", "ư"),
    ("w", "ư"),
]
VNI_MARKS = {"6": {"a": "â", "e": "ê", "o": "ô"}, "7": {"o": "ơ", "u": "ư"}, "8": {"a": "ă"}}
VOWELS = "aăâeêioôơuưy"
MARKED_VOWELS = "ăâêôơư"

# Syllable structure: onset, vowel nucleus (with glides), coda. Nuclei listed without tone.
ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
NUCLEI = (
    "uyê|uya|uyu|ươi|ươu|uôi|oai|oay|oao|oeo|iêu|yêu|uây|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|iê|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
CODAS = "ng|nh|ch|c|m|n|p|t"
SYLLABLE = re.compile(rf"(?:{ONSETS})?(?:{NUCLEI})(?:{CODAS})?")
_TOKEN = re.compile(r"\S+")


def _split(letters):
    """(onset, nucleus, coda) of a toneless syllable, or None."""
    onset = ""
    for candidate in ONSETS.split("|"):
        if letters.startswith(candidate) and len(letters) > len(candidate):
            if candidate == "gi" and letters[2] not in VOWELS:
                continue
            onset = candidate
            break
    rest = letters[len(onset) :]
    nucleus = ""
    while rest[len(nucleus) : len(nucleus) + 1] and rest[len(nucleus)] in VOWELS:
        nucleus += rest[len(nucleus)]
    coda = rest[len(nucleus) :]
    if not nucleus and onset == "gi":
        return "g", "i", coda  # "gì", "gìn": the i carries the tone
    return onset, nucleus, coda


def place_tone(letters, tone):
    """Put `tone` (a combining mark) on the right vowel, traditional style (hòa, thủy)."""
    if not tone:
        return letters
    onset, nucleus, coda = _split(letters)
    if not nucleus:
        return None
    marked = [i for i, char in enumerate(nucleus) if char in MARKED_VOWELS]
    if marked:
        position = marked[-1]  # ươ: on ơ; uyê: on ê
    elif coda:
        position = len(nucleus) - 1  # hoàn, huỳnh
    elif len(nucleus) == 3:
        position = 1  # hoài, khuya
    else:
        position = 0  # mùa, hòa, thủy
    chars = list(nucleus)
    chars[position] = unicodedata.normalize("NFC", chars[position] + tone)
    return onset + "".join(chars) + coda


def _telex(token):
    tone = ""
    if len(token) > 2 and token[-1] in TELEX_TONES and any(v in token[:-1] for v in "aeiouyw"):
        tone, token = TELEX_TONES[token[-1]], token[:-1]
    for keys, letter in TELEX_LETTERS:
        token = token.replace(keys, letter)
    return token, tone


def _vni(token):
    tone, out = "", []
    for char in token:
        if char in VNI_TONES:
            tone = VNI_TONES[char]
        elif char in VNI_MARKS:
            for i in range(len(out) - 1, -1, -1):
                if out[i] in VNI_MARKS[char]:
                    out[i] = VNI_MARKS[char][out[i]]
                    if char == "7" and i > 0 and out[i - 1] == "u" and out[i] == "ơ":
                        out[i - 1] = "ư"  # "uo7" is ươ
                    break
        elif char == "9":
            out = ["đ" if letter == "d" else letter for letter in out]
        elif char != "0":
            out.append(char)
    return "".join(out), tone


def decode_word(word):
    """The Vietnamese syllable a Telex or VNI word stands for, or None."""
    word = word.lower()
    if not word.isascii() or not word.isalnum() or not any(char.isalpha() for char in word):
        return None
    letters, tone = _vni(word) if any(c.isdigit() for c in word) else _telex(word)
    if (letters, tone) == (word, ""):
        return None
    if not SYLLABLE.fullmatch(letters):
        return None
    return place_tone(letters, tone)


def decode_query(text):
    """The query with Telex/VNI words decoded, or None when nothing (validly) decoded.

    Only for text without diacritics; every word that looks encoded must decode to a
    valid syllable, else the whole decoding is dropped.
    """
    if not text or not text.isascii():
        return None
    words = _TOKEN.findall(text.lower())
    decoded, changed = [], False
    for word in words:
        candidate = decode_word(word)
        if candidate is None:
            if _looks_encoded(word):
                return None
            decoded.append(word)
        else:
            decoded.append(candidate)
            changed = True
    return " ".join(decoded) if changed else None


def _looks_encoded(word):
    """Keystroke residue that failed to decode (then the guess is unsafe)."""
    if word.isdigit() or re.fullmatch(r"[\d.,/-]+", word):
        return False  # numbers and codes
    return bool(
        re.search(r"[a-z]\d|dd|aa|aw|ee|oo|ow|uw|w", word)
        or (len(word) > 2 and word[-1] in TELEX_TONES and re.search(r"[aeiouy][sfrxj]$", word))
    )
