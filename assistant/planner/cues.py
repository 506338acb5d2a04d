"""The phrases intent rules look for, as compiled patterns and small helpers."""

from __future__ import annotations

import re

from assistant.planner import slots
from retrieval.comparatives import comparatives


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


GREETING = _re(
    r"^\s*(?:hi+|hello|hey+|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day))"
    r"(?: there| again| team| folks)?\b[\s!,.:)]*"
)
# "I'm Henry", "my name is Ada Lovelace": an introduction, not a product to search for.
INTRODUCTION = _re(
    r"\b(?:i'?m|i am|my name is|my name's|this is|it'?s)\s+"
    r"(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)\b(?:\s+here)?[\s!,.]*"
)
THANKS = _re(
    r"\b(?:thanks?(?: you| u| a lot| so much| again)*|thx|ty|cheers|much appreciated|"
    r"appreciate (?:it|that|the help)|perfect|great|awesome|cool|got it|ok(?:ay)?|that helps)\b"
    r"[\s!,.]*"
)
BYE = _re(
    r"\b(?:bye|goodbye|good bye|see (?:you|ya)(?: later)?|talk (?:to you )?later|that'?s "
    r"(?:all|it)|that is all|nothing else|i'?m done|have a (?:good|nice|great) "
    r"(?:day|one|evening)|nvm|never ?mind|forget it)\b[\s!,.]*"
)
HELP = _re(
    r"\b(?:what can you do|what do you do|how can you help|what can i ask|help|who are you|"
    r"what are you|how does this work)\b[\s?!.]*"
)

INJECTION = _re(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}?"
    r"\b(?:instructions?|rules?|prompts?|guidelines?|polic(?:y|ies)|restrictions?)\b"
    r"|\byou are now\b[^.!?\n]{0,40}|\bpretend (?:to be|you are)\b[^.!?\n]{0,40}"
    r"|\b(?:system|developer|hidden) prompt\b|\b(?:developer|admin|god|debug|sudo) mode\b"
    r"|\bjailbreak\w*|\bnew instructions?:?|\b(?:reveal|print|show|repeat) (?:your|the) "
    r"(?:prompt|instructions|rules|configuration)\b|\bact as (?:an? )?(?:admin\w*|developer|root)\b"
    r"|\brole\s*[=:]\s*\w+|\bsystem override\b|\[\s*system[^\]]{0,40}\]|^\s*system\s*:"
    r"|\byou(?:'re| are)\s+(?:now\s+)?(?:an?\s+)?(?:support agent|agent|admin\w*|developer|root|"
    r"\w*bot)\b(?:\s+now)?|\b(?:list_orders|get_order|verify_customer|search_products|"
    r"get_product|compare_products|recommend_products|review_summary|customer_id|for_customer)\b"
    r"(?:\s*[=:]\s*\S+)?"
)
INJECTION_TAIL = _re(r"^\s*(?:and|then|now|also)\b|\b(?:and|then)\s*$")
CLAIM = _re(
    r"\b(?:i am|i'?m|im|this is|speaking as|as)\s+(?:the |an? |your )?(?:admin\w*|owner|"
    r"manager|staff|employee|support agent|agent|developer|ceo|moderator|superuser|root|"
    r"store owner)\b"
    r"|\b(?:i am|i'?m|im|this is|my (?:customer )?(?:id|number|account(?: id)?) is|"
    r"log me in as|sign me in as|switch (?:me |it )?to|logged in as|treat me as|(?:verified|"
    r"authenticated|signed in|identified) as)\s+"
    r"(?:(?:(?:customer|user|account)\s+)?customer_ref|(?:customer|user|account)\s+#?"
    r"[^\W\d_]*\d[\w-]*)\b"
)
CUSTOMER_ID = _re(
    r"\b(?:(?:customer|user|account)\s+)?customer_ref(?:'s)?\b"
    r"|\b(?:customer|user|account)\s+#?[^\W\d_]*\d[\w-]*(?:'s)?"
)
"""A customer named by id: one of the shop's (masked as customer_ref) or an unknown one."""
ALL_ORDERS = _re(
    r"\b(?:all|every|everyone'?s|everybody'?s|other (?:customers?|people|users)'?s?|"
    r"all (?:the )?(?:customers?|users)'?s?)\s+(?:the\s+)?(?:orders?|customers?|accounts?)\b"
    r"|\bwhose orders\b|\border(?:s)? (?:of|for|from) (?:all|every|other|another|someone)\b"
)
_PERSONAL = (
    r"(?:e-?mail|address|phone|phone number|contact|card|password|orders?|package|parcel|"
    r"tracking|purchases?|purchase history|details)"
)
PRIVACY = _re(
    r"\b(?:e-?mail|address|phone|phone number|contact details|card|password|orders?|name)\b"
    r"[^.?!]{0,25}\b(?:of|for|belonging to)\s+(?:customer|user|someone|somebody|another|other|"
    r"my (?:neighbou?r|friend|wife|husband|boss)|him|her|customer_ref)\b"
    rf"|\b(?:his|her|their|someone'?s|somebody'?s|another (?:customer|person|user)'?s?|"
    rf"other (?:customers?|people|users)'?s?|(?:customer )?customer_ref'?s?|"
    rf"my (?:neighbou?r|friend|wife|husband|boss)'?s?|"
    rf"(?!(?:what|that|it|there|who|where|here|let|he|she)'s)\w+'s)\s+"
    rf"(?:\w+\s+)?{_PERSONAL}"
    r"|\bwho (?:ordered|bought|purchased|placed|wrote)\b|\bon behalf of\b"
    r"|\bwhich (?:customers|people|users|shoppers)\b"
    r"|\bwhat (?:did|has|have) (?!i\b|we\b)[\w' ]{1,30}? (?:buy|bought|order|ordered|purchase|"
    r"purchased)\b"
    r"|\b(?:is|does|has)\s+\S+@\S+\s+(?:\w+\s+){0,3}(?:customers?|accounts?|registered|"
    r"members?|shop\w*|order\w*)\b"
    r"|\b(?:all|every|other)\s+(?:the\s+)?(?:customers?|users|people)'?s?\s+(?:e-?mails?|"
    r"address\w*|phones?|phone numbers|names|details|data|info\w*|accounts?)\b"
    r"|\b(?:list|show|give|dump|export|send)\b[^.?!]{0,15}\b(?:all|every)\s+(?:the\s+)?"
    r"(?:customers?|users|accounts)\b"
)
BOT_IDENTITY = _re(
    r"\bwho (?:made|built|created|programmed|wrote|trained) you\b"
    r"|\bare you (?:a |an )?(?:real|human|bot|robot|machine|person|ai|computer|chat ?bot|automated)"
    r"|\b(?:am i|are we) (?:talking|chatting|speaking) (?:to|with) (?:a |an )?(?:real |actual )?"
    r"(?:bot|robot|machine|human|person|ai|computer|chat ?bot)\b"
)
_HUMAN = _re(
    r"\b(?:human|real person|live (?:agent|person|chat)|representative|operator|somebody real|"
    r"someone real|(?:speak|talk|chat) (?:to|with) (?:someone|somebody|a person|an agent|support|"
    r"a manager|staff)|customer (?:service|support)|escalate|supervisor)\b"
)
_HANDOFF_TOPICS = (
    ("cancel", _re(r"(?<!noise )(?<!noise-)\bcancel(?!l?ed\b)\w*")),
    ("refund", _re(r"\brefund\w*|\bmoney back\b|\bchargeback\b|\breimburs\w*")),
    (
        "return",
        _re(
            r"\breturn(?:ing)?\b(?! (?:to|home))|(?<!\bmy )\breturns\b"
            r"|\bsend (?:it|this|them) back\b"
        ),
    ),  # ("show me my returns": the returned orders)
    ("exchange", _re(r"\bexchang\w*|\bswap (?:it|this|the)\b")),
    (
        "address",
        _re(
            r"\b(?:change|update|edit|correct|fix|modify)\b[^.?!]{0,30}\baddress\b|"
            r"\bwrong (?:shipping |delivery )?address\b|\bship (?:it )?to a different\b"
        ),
    ),
    (
        "change",
        _re(
            r"\b(?:change|modify|edit|update|amend)\b[^.?!]{0,20}\border\b|"
            r"\b(?:add|remove) [^.?!]{0,20}(?:to|from) (?:my |the |this )?order\b"
        ),
    ),
    (
        "problem",
        _re(
            r"\b(?:arrived|came|was|is|got (?:it|mine)|received (?:it|a|an|the|my))\b[^.?!]{0,20}"
            r"\b(?:damaged|broken|defective|faulty|cracked|wrong)\b|\bnever (?:arrived|came|got "
            r"it)\b|\bwrong (?:item|size|product)\b|\bmissing (?:item|part)s?\b|\bstolen\b|"
            r"\blost (?:package|parcel)\b"
        ),
    ),
)
DATA_POLICY = _re(
    r"\b(?:do|does|will|are|is|can) (?:you|this (?:bot|chat|assistant)|the shop|your shop)\b"
    r"[^.?!]{0,20}\b(?:stor\w*|keep\w*|sav\w*|sell\w*|shar\w*|record\w*|track\w*)\b"
    r"[^.?!]{0,15}\b(?:my |our )?(?:data|personal (?:data|information|info|details)|info|"
    r"information|conversations?|chats?|messages)\b|\bprivacy policy\b|\bgdpr\b"
)
"""How the shop keeps the customer's own data: a fixed answer, never a search."""
DAMAGED = _re(r"\b(?:damaged|broken|defective|faulty|cracked|smashed|shattered|dented)\b")
"""An item that came damaged: a person sorts it out (replacement, refund, photos)."""
OUT_OF_SCOPE = _re(
    r"\b(?:what'?s|what is|how'?s|how is) the weather\b|\bweather (?:today|tomorrow|forecast|"
    r"like|in \w+)\b|\bforecast for\b|\bwill it (?:rain|snow)\b"
    r"|\b(?:tell|know|say) (?:me )?(?:a |any |another )?(?:joke|riddle|pun)s?\b|\bmake me laugh\b"
    r"|\bwrite (?:me )?(?:an? |some )?(?:essay|poem|story|song|letter|haiku)\b"
    r"|\b(?:write|debug|fix|explain|generate)\b[^.?!]{0,40}\b(?:code|program|script|function|"
    r"python|javascript|java|sql|regex|html|css|c\+\+)\b|```|\bdef \w+\("
    r"|\b(?:politics|political|election|elections|president|prime minister|democrats?|"
    r"republicans?|vote|voting|senate|congress|parliament)\b"
    r"|\b(?:capital of|who won|stock price|bitcoin|crypto\w*|recipe for|translate|homework|"
    r"meaning of life|medical advice|legal advice|horoscope|diagnos\w+)\b"
)
FIND_CUSTOMER = _re(
    r"\b(?:find|look ?up|search(?: for)?|who is|details (?:of|for|on)|info (?:on|about)|"
    r"profile of|account of)\b[^.?!]{0,20}\b(?:customers?|accounts?|users?|customer_ref)\b|@"
    r"|\b(?:e-?mail|address|phone|contact|name)\b[^.?!]{0,25}\bcustomer_ref"
)

_BOUGHT = (
    # what was bought, asked about without the word "order": "did the santoku knife ship", "the
    # socks i ordered", "everything i sent back", "anything of mine on the way"
    r"\b(?:did|has|have|is|are|was|were)\b[^.?!]{0,40}\b(?:ship(?:ped)?|arrived?|"
    r"delivered|dispatched)\b|\b(?:i|we) (?:just |recently )?(?:ordered|purchased|bought)\b"
    r"|\bsent (?:it |them )?back\b"
    r"|\b(?:anything|something|stuff)\b[^.?!]{0,20}\bon (?:its|the|their|my) way\b"
)
BOUGHT = _re(_BOUGHT)
WHICH_ORDERS = _re(r"\b(?:anything|any|which|what)\b")
"""Asking which orders are in a status ("is anything of mine still being processed")."""
ORDER_PHRASES = _re(
    r"\bsent (?:it |them )?back\b|\bon (?:its|the|their|my) way\b|\b(?:buy|bought|order|"
    r"ordered|get|got) (?:it |them )?back\b|\bback in\b|\bget it\b|\bat the moment\b"
)
"""Words of an order question that are not what was bought ("sent back", "on its way")."""
QUESTION_AFTER_FILLER = _re(
    r"^\W*(?:(?:ok(?:ay)?|so|well|and|um+|hmm+|alright|right)\W+)+(?:where|when|what|how|which|"
    r"is|are|do|does|did|can|could|has|have)\b"
)
"""A question after "ok so": not a thank-you ("ok so where is it")."""
ORDER = _re(
    r"(?<!on )(?<!from )\b(?:my|our|the|this|that)\s+(?:last |latest |recent |most recent |"
    r"current |previous |"
    r"newest |open |pending |delivered |shipped )?(?:orders?|package|parcel|shipment|delivery|"
    r"deliveries|purchases?|stuff)\b"
    r"|\bwhere(?:'?s| is| are)\b[^.?!]{0,30}\b(?:orders?|package|parcel|shipment|stuff|delivery)\b"
    r"|\bwhen (?:will|does|is|do|should)\b[^.?!]{0,30}\b(?:arrive|be delivered|deliver|ship|"
    r"get here|come|turn up)\b|\btrack(?:ing|ed)?\b|\border (?:status|history)\b|\border #?\d"
    r"|\bwhat (?:did|have) (?:i|we) (?:order|bought|buy|purchase)\w*|\bmy purchases\b"
    r"|\b(?:any|all|show|list|see|view|display|get|look ?up|find|check)\b[^.?!]{0,20}\borders\b"
    r"|\borders?\b[^.?!]{0,20}\b(?:pending|processing|shipped|delivered|cancel+ed|returned)\b"
    r"|\bhas it (?:shipped|arrived)|\b(?:look ?up|check|find) (?:an?|one) order\b"
    rf"|{_BOUGHT}"
)
ORDERS_OF = _re(r"\borders?\b|\bpurchases?\b|\bbought\b|\bhistory\b|\breturns\b")
ORDER_LIST = _re(
    r"\borders\b|\border history\b|\bpurchases\b|\bwhat (?:did|have) (?:i|we) (?:order|bought|buy|"
    r"purchase)\w*|\b(?:list|show all)\b|\b(?:everything|all|anything|which)\b[^.?!]{0,30}\b"
    r"(?:sent back|returned|on (?:its|the|their|my) way|shipped|ordered|pending|processing|"
    r"cancel+ed|delivered)\b"
)
LATEST = _re(r"\b(?:last|latest|most recent|newest|recent)\b")
LATEST_ORDER = _re(r"\b(?:last|latest|most recent|newest) order\b")
"""One order, the newest ("what was in my last order"), not the list of them."""
ORDER_SINGLE = _re(
    r"\b(?:where(?:'?s| is)|track(?:ing|ed)?|package|parcel|shipment|"
    r"(?:last|latest|recent|newest) order)\b"
)
OPEN_ORDERS = _re(
    r"\b(?:open|active|current|outstanding|undelivered|not (?:yet )?(?:been )?delivered|"
    r"on (?:the|their|its|my) way|still coming|not (?:yet )?arrived|"
    r"(?:not|n't|havent|hasnt) (?:yet )?(?:been )?shipped)\b"
)
TRACK = _re(
    r"\btrack(?:ing|ed)?\b|\bwhere(?:'?s| is)\b|\bwhen (?:will|does)\b|\barriv\w*|\bshipp\w*"
)
ORDER_FOLLOWUP = _re(
    r"\b(?:where is it|when will it (?:arrive|come|get here|be delivered)|has it (?:shipped|"
    r"arrived|been delivered)|is it (?:shipped|delivered|here|on (?:the|its) way)|what(?:'s| was|"
    r" is| were) in (?:it|that|this|that one|there)|(?:shipped|"
    r"delivered|arrived|here) yet|tracking|(?:which|what|the|its) carrier|status|eta|"
    r"delivery date)\b"  # (not "the order with the baby carrier")
)
BUY = _re(
    r"\b(?:to|i'?d|i will|i'?ll|can i|could i|let me|want to|wanna|how do i)\s+(?:actually\s+)?"
    r"(?:order|buy|purchase)\b|\b(?:order|buy|purchase) (?:a|an|some|the|this|that|it|one|two)\b|"
    r"\badd (?:it |this |that |them )?(?:one )?to (?:my )?(?:cart|basket)\b|\bcheck ?out\b|"
    r"\bplace (?:an? |my )?order\b"
)

PRONOUN = _re(
    r"\b(?:it|its|it'?s|this|that|this one|that one|the one|them|they|these|those|both)\b"
)
IT = _re(r"\b(?:it|its|it'?s|this one|that one|this thing|that thing)\b")
"""One product pointed at ("what's the warranty on it", "does that one fold")."""
PRONOUN_MANY = _re(r"\b(?:them|these|those|all of them)\b")
BOTH = _re(r"\b(?:both|th(?:ose|ese|em) two|the two(?: of them)?)\b")
OTHERS = _re(
    r"\bother ones\b|\bthe others\b|\bthe rest\b|\bthe other (?:two|three|2|3)\b"
    r"|\bthe remaining\b"
)
"""The listed products but the one in focus ("out of the other ones which is rated higher")."""
OTHER = _re(
    r"\b(?:the )?other (?:one|option|item|product)\b|\bthe other\W*$|\bthe other(?=\s*[,.;:!?])"
    r"|\bthe other \w+(?=\s*(?:[,?.!]|$))"  # "what's in the other pack, …"
)
QUESTION = _re(r"\?\s*$|^\W*(?:so |and |ok |hmm )?(?:what|whats|how|does|do|is|can)\b")
"""A message (or a clause of one) that asks something ("warranty?", "is there a warranty")."""
OTHER_ONES = _re(r"\bother (?:\w+ ){0,2}?ones\b|\b(?:any|some|the) others\b|\banother one\b")
"""Asking for other products of the kind in focus ("show me other long ones", "any others?")."""
OTHER_PRODUCTS = _re(r"\b(?:any|another|others|ones|something|anything)\b")
"""Any word that may ask for products besides the one in focus ("do u have lavender ones")."""
ONES = _re(
    r"\bones\b|\bwhich (?:are|have|come|of them)\b|\bany (?:of them|that)\b"
    r"|\bwhich (?:of (?:them|these|those) )?(?:are|have|has|come|comes)\b"
)
THE_ONE = _re(r"\bthe\b.*\bone\b|^\W*(?:and |what about |how about )?the \w+\W*$|\bon the \w+\W*$")
"""A single product singled out ("the Silvane one", "the meridian?")."""
THE_PAIR = _re(r"\bthe (?:\w+ ){1,3}?(?:ones|pair)\b")
"""A product sold in pairs singled out by its words ("the trailhawk ones", "the stridewell
pair"): one product when those words name one listed."""
BRAND_ONES = _re(r"^\W*(?!(?:any|some|other|more|got|the)\b)(?:\w+ ){1,2}?ones\b")
"""A message opening with a brand and "ones" ("alder supply ones in coral, medium?"): that
brand's listed product when one is (not "black ones?", which asks for more)."""
ELLIPSIS = _re(
    r"^\W*(?:and |but |also |ok |okay |hmm )?(?:the |a |an |any |some )?(?:ones?|something|"
    r"anything|with|without|for|in|that|which)\b|\b(?:ones?|any) (?:with|without|that|for)\b"
)
"""A request that leaves its product out: "one with 2 ports", "for women", "any that fold"."""
AND_THEN = _re(r"^\W*(?:ok(?:ay)?,? )?(?:and|what about|how about|also|only|just)\b")
"""A follow-up that asks the last question again about something else ("and the tea?")."""
OUR_CATALOG = _re(
    r"\bwe (?:have|carry|sell|stock|offer)\b|\bour (?:catalog|shop|store|range)\b|\bthe catalog\b"
)
"""A support agent asking about the shop's own range ("the cheapest … we have")."""
THEIR = _re(
    r"\b(?:her|hers|his|their|theirs|them|they|she|he|this customer|that customer|the customer)\b"
)
"""The customer a support agent just looked up, by pronoun."""
ONE_OF = _re(r"\b(?:one|ones|of (?:them|these|those|the \w+)|option|item|pick)\b")
REFERENCE_CUES = _re(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|"
    r"\d{1,2}(?:st|nd|rd|th)|one|ones|it|this|that|these|those|them|both|two|three|number|"
    r"option|item|product_ref|item_ref)\b|#\s?\d{1,2}\b"
)
WHICH_ONE = _re(r"\bwhich (?:one|of (?:them|these|those|the two|the 2))\b(?!\s+(?:are|have)\b)")
"""Asking which single listed product ("which one does 2k"): a pick when one word singles it out."""
COMPARE_WORD = _re(r"\bcompar\w*|\bvs\.?\b|\bversus\b|\bdiffer")
"""Asking for a comparison in so many words (not "which one is cheapest": that picks one)."""
COMPARE = _re(
    r"\bcompar\w*|\bvs\.?\b|\bversus\b|\bdifferences? between\b|\bdiffer\b|\bhow do (?:they|"
    r"these|those|the two) (?:compare|stack up)\b|\bwhich (?:one |of (?:them|these|those|the "
    r"\w+) )?(?:is|has|would|should|do|are|one)\b[^.?!]{0,30}\b(?:better|best|cheaper|quieter|"
    r"lighter|bigger|smaller|recommend|choose|pick|go for|get|buy|worth|prefer)\b|\bwhich one\b"
    r"|\bbetter (?:one|choice|option|buy|pick)\b|\bside by side\b"
)
REVIEWS = _re(
    r"\breview\w*|\bwhat (?:do|did|are) (?:people|customers|buyers|users|others|folks|owners) "
    r"(?:say\w*|think\w*)|\b(?:people|customers|buyers|users|owners) (?:say|think|like|love|hate|"
    r"complain)\w*|\bcomplain\w*|\b(?:problems?|issues?) with\b|\bpros and cons\b|\bdownsides?\b|"
    r"\bfeedback\b|\bopinions?\b|\bworth (?:it|the money)\b|\bany good\b|\bsentiment\b"
    r"|\bwhy\b[^.?!]{0,50}\b(?:rated|rating)\b|\brated so (?:low|high|badly|poorly|well)\b"
)
CHOICE = _re(r"\bvs\.?\b|\bversus\b|\bcompar\w*|\bdiffer\w*|\bbetter\b|\bthan\b|\bor\b|\bwhich\b")
"""Two products named as alternatives ("the Nexbyte Page or the Zentro Page Plus?")."""
ASPECT_QUESTION = _re(
    r"\bhow(?:'?s| is| are| does| do| good| long| loud| well| comfortable)\b|\bis (?:it|the|that|"
    r"this)\b|\bare (?:they|the)\b|\bdoes (?:it|the|that|this)\b|\bdo (?:they|the)\b|\?"
)
SIMILAR = _re(
    r"\bsimilar\b|\balternatives?\b|\b(?:more|something|anything|others?|ones?|products?|items?|"
    r"stuff) like\b|\blike (?:this|that|it) one\b"
)
COMPLEMENT = _re(
    r"\bgoes? (?:well )?with\b|\bgo(?:es)? together\b|\baccessor(?:y|ies)\b|\bpair(?:s|ed)? "
    r"(?:well )?with\b|\bcomplement\w*|\bbought together\b|\balso (?:buy|get|need)\b|\bwhat else "
    r"(?:do i need|should i get)\b|\bmatch(?:es)? (?:it|this|that)\b"
)
FOR_ME = _re(
    r"\bfor me\b|\bpurchase history\b|\bbased on (?:my|their|his|her) (?:orders|purchases|"
    r"history)\b|\bwhat i (?:bought|ordered)\b|\bpast (?:orders|purchases)\b"
)
RECOMMEND = _re(
    r"\brecommend\w*|\bsuggest\w*|\bwhat should i (?:buy|get)\b|\bfor me\b|\bpicks?\b|\bideas?\b|"
    r"\bsomething (?:nice|good|new)\b|\bsurprise me\b|\bpersonali[sz]ed\b|\bmight (?:i )?like\b"
)
DETAILS = _re(
    r"\btell me (?:more )?about\b|\bmore (?:info\w*|details?)\b|\bdetails?\b|\bspecs?\b|"
    r"\bspecifications?\b|\bfeatures?\b|\bdimensions?\b|\bdescri\w+|\b(?:does|do|is|are|can) "
    r"(?:it|they|this|that|these|those)\b|\bcomes? in\b|\bavailable in\b|\bin stock\b|"
    r"\bavailab\w*|\bhow much\b|\bprice\b|\bcost\b|\bwhat (?:colou?rs?|sizes?)\b|\bwarranty\b|"
    r"\bwhat about\b|\bmade of\b|\bbrand\b|\bvariants?\b|\bsizes?\b|\bcolou?rs?\b"
)
PRODUCT_CUES = _re(
    r"\b(?:compare|comparison|versus|vs|which|better|best|review\w*|reviewers?|people|customers|"
    r"say|says|think|complaints?|complain\w*|opinions?|feedback|pros|cons|downsides?|tell|about|"
    r"more|details?|specs?|info\w*|recommend\w*|suggest\w*|similar|alternatives?|goes|go|with|"
    r"together|accessor(?:y|ies)|worth|good|how'?s|how|is|are|does|do|come|comes|available|"
    r"stock|price|cost|much|what|please|difference|between|differ|bought|pair|match|ideas?|"
    r"instead|cheaper|pricier|expensive|premium|rated|higher|lower|only|show|results?|options?|"
    r"any|else|something|anything|similar|hmm|ok|okay|and)\b"
)
IN_STOCK = _re(
    r"\bin[- ]stock\b|\bavailable (?:now|today|ones?)\b|\bonly available\b"
    r"|\bcan (?:i|we) (?:actually )?(?:buy|order)\b"
)
MORE_RESULTS = _re(
    r"\b(?:show|see|any|more) (?:me )?more\b|\bmore (?:results|options|choices|products)\b|"
    r"\bother (?:options|ones|choices)\b|\banything else\b|\bnext (?:page|ones)\b"
)
_REFINE = _re(
    r"\b(?:ones?|those|these|them|instead|only|what about|how about|any in|anything in|"
    r"something in|in (?:a |the )?(?:size|colou?r))\b|^\s*(?:and |but |maybe |ok |okay )?"
    r"(?:in|under|below|over|above|less|more|cheaper|only|with|without)\b"
)
_LEAD_IN = _re(
    r"^(?:(?:hi|hello|hey)\b[\s,!.]*)?(?:(?:ok(?:ay)?|so|well|also|and|now|please)\b[\s,]*)*"
    r"(?:(?:i'?m|i am|we'?re|we are) (?:looking|searching|shopping) for|(?:can|could|would) you "
    r"(?:please )?(?:show|find|get|recommend|suggest|search for|look for)(?: me| us)?|do you "
    r"(?:have|sell|carry|stock)|have you got|(?:show|find|get)(?: me| us)?|search(?: for)?|"
    r"look(?:ing)? for|browse|"
    r"i (?:need|want|would like|'d like)(?: to (?:buy|find|get|order|purchase))?|i'?d like"
    r"(?: to (?:buy|find|get|order|purchase))?|recommend(?: me)?|suggest(?: me)?|any|"
    r"(?:i )?want to (?:buy|order|purchase)|(?:i )?wanna (?:buy|order|get)|(?:what|how) about"
    r"(?: the)?|(?:(?:you |ya )?got|you have|need) any|i need)\b"
)


def handoff_topic(text: str, *, agent: bool = False) -> str | None:
    """Why a human must take over: "human", or the kind of change asked for (cancel, refund…)."""
    if not agent and _HUMAN.search(text):
        return "human"
    for topic, pattern in _HANDOFF_TOPICS:
        if pattern.search(text):
            return topic
    return None


def detail_question(text: str, colour: str | None, size: str | None) -> str | None:
    """The specific thing asked about a product: colour, size, stock, price, features or its
    rating."""
    if colour:
        return "colour"
    if size or re.search(r"\bsizes?\b", text, re.I):
        return "size"
    if re.search(r"\bcolou?rs?\b", text, re.I):
        return "colour"
    if re.search(r"\bin stock\b|\bavailab\w*|\bsold out\b|\bcan i (?:get|buy)\b", text, re.I):
        return "stock"
    if re.search(r"\bhow much\b(?! (?:does|do|will) \w+ (?:weigh|hold))|\bprice\b|\bcost\w*\b",
                 text, re.I):  # fmt: skip
        return "price"
    if re.search(r"\bfeatures?\b|\bspecs?\b|\bspecifications?\b|\bdimensions?\b", text, re.I):
        return "features"
    if _RATING_ASKED.search(text):
        return "rating"
    return None


_RATING_ASKED = re.compile(
    r"(?<!top )(?<!best )(?<!highest )(?<!higher )(?<!better )(?<!lowest )(?<!worst )"
    r"\b(?:rated|rating|ratings|stars)\b(?!\s+(?:to|for)\b)",
    re.I,
)
"""Asking how a product is rated ("is that rated worse?", "what's its rating"), not picking
the best rated one nor a rating of what it withstands ("rated to 20 F")."""


def is_refinement(text: str, content: list[str], colour: str | None) -> bool:
    """True when the message adjusts the last search rather than starting a new one."""
    adjusts = bool(
        slots.price_direction(text)
        or slots.wants_better_rated(text)
        or IN_STOCK.search(text)
        or MORE_RESULTS.search(text)
        or colour
        or slots.price_filters(text).model_dump(exclude_none=True)
        or comparatives(text)
    )
    if not adjusts:
        return False
    extra = [w for w in content if w not in slots.COLOURS]
    return not extra or (len(extra) <= 2 and bool(_REFINE.search(text)))


def without_greeting(text: str) -> str:
    """The message less a greeting it opens with, when a request follows ("hey where's my
    speaker?" is the question, not a hello); a greeting alone stays as it is."""
    rest = GREETING.sub("", text, count=1)
    return rest if len(rest.split()) >= 2 else text


def asks_to_shop(text: str) -> bool:
    """True when the message opens with a plain request to find or buy something."""
    return bool(_LEAD_IN.match(text.strip(" ,.;:!-")))


def clean_query(text: str) -> str:
    """The shopper's words without lead-ins ("I'm looking for", "do you have") or trailing asks."""
    cleaned = _LEAD_IN.sub(" ", GREETING.sub(" ", text).strip(" ,.;:!-"))
    cleaned = re.sub(
        r"[?!]+|\bplease\b|\bthanks?(?: you)?\b|^\s*(?:to )?place an? order (?:for )?",
        " ",
        cleaned,
        flags=re.I,
    )
    cleaned = re.sub(r"^\s*(?:a|an|the|some)\s+", " ", cleaned, flags=re.I)
    cleaned = " ".join(cleaned.split()).strip(" ,.;:-")
    return cleaned or " ".join(text.split())[:200] or "popular products"


AFFIRM = _re(
    r"^\s*(?:yes|yeah|yea|yep|yup|sure|ok|okay|please|please do|go ahead|do it|absolutely|"
    r"definitely|of course|sounds good|s[ií]|oui|ja|sim|是的?|好的?|对|要|可以)"
    r"(?:[\s,!.]+(?:please|thanks|thank you|do it|go ahead|por favor|merci|danke|谢谢))*"
    r"[\s!.。！]*$"
)
"""A short yes to a question the assistant asked (in the languages it offers a person in)."""
