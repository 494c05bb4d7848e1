"""Page furniture: lines of a saved web page that are no article text. Navigation headers
("Most read", "You may also like"), one-line controls and notices ("Share this",
"Advertisement", "We use cookies ... | Accept all"), lists of links, copyright lines and
photo captions. agent.ingest.clean classifies each line against these patterns.
"""

from __future__ import annotations

import re

COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b", re.I)
# The holder ends where "All rights reserved" or a row of footer links begins ("© 2026
# PellhamLive. All rights reserved. | Privacy notice | Terms": a newcomer trial's outlet was
# the whole line).
COPYRIGHT_HOLDER = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<holder>[^|]*?)"
    r"\s*(?:[.,]?\s*all rights reserved\b[^|]*)?\s*(?:\|.*)?$",
    re.I,
)
# A breadcrumb trail, "Castlebridge Live > News > Health", "Home / News": the page's place
# in its site (a newcomer trial's page took it for its headline).
BREADCRUMB = re.compile(r"^[A-Z][^<>›»/]{0,40}(?:\s[>›»/]\s[A-Z][^<>›»/]{0,40})+$")
CAPTION = re.compile(
    r"\((?:[A-Z][\w.&]*\s+)*Photo(?:graph)?(?:\s*/|\s+by\b|:)|\bPhoto(?:graph)?:\s|"
    r"\bPhoto credit\b|\((?:Getty Images|AFP|Reuters|AP)[^)]*\)\s*$|"
    r"(?:ASSOCIATED PRESS|REUTERS|AFP|GETTY IMAGES|via Getty Images)\s*$"
)
# Navigation blocks: after one of these, list lines are dropped until body text resumes.
NAV = re.compile(
    r"^(?:you (?:may|might) (?:also )?like|(?:most )?popular(?: posts| stories| articles)?|"
    r"latest(?: posts| news| stories| articles)?|"
    r"related(?: posts| stories| articles| content| coverage)?|"
    r"recommended(?: for you| stories| articles)?|trending(?: now| stories)?|most read|"
    r"more (?:from|stories|news|on)\b.*|read (?:next|more)|also read|see also|"
    r"recent posts|top stories|editor'?s picks|in case you missed it|around the web|"
    r"sponsored(?: content| stories)?|from around the web)[\s:.!]*$",
    re.I,
)
BOILER = re.compile(
    r"^(?:no comments|\d+ comments?|comments?|post a comment|leave a (?:comment|reply)|"
    r"share(?: this(?: article| story| post)?| on \w+)?|tweet|email|print|subscribe(?: now)?|"
    r"advertisement|advertise(?:ment)?s?|sponsored|skip to (?:main )?content|menu|home|search|"
    r"sign in|log in|sign up|newsletter|follow us|back to top|cookie(?:s| policy| settings)?|"
    r"privacy policy|terms of (?:use|service)|accept(?: all)?(?: cookies)?|close|loading\.*|"
    r"tags?|filed under|topics|click here|continue reading|report an error|"
    r"newer post|older post|home page|labels?|we value your privacy|your privacy choices|"
    r"manage (?:your )?(?:cookie |privacy )?(?:preferences|settings|choices))[\s:.!…]*$"
    r"|^(?:sign up (?:for|to)|subscribe (?:to|for)|follow us on|share on|read more:|related:|"
    r"tags?:|labels?:|filed under:|click here|posted by|this (?:article|story) (?:was|has been)"
    r" (?:originally )?(?:published|updated)|get the latest|download (?:the|our) app|"
    r"we use cookies|by clicking|want more\b|"
    # The page's own comment section ("Comments are closed on this article for legal
    # reasons"): a notice about the page, never a fact of the story.
    r"comments (?:are|have been) (?:now )?(?:closed|disabled|switched off|turned off)\b)",
    re.I,
)
# A consent banner in the site's voice, however long: "We and our partners use cookies to
# personalise content and ads ... By clicking "Accept all" you consent ..." (a newcomer's
# saved page became an article of its own, titled "We value your privacy").
COOKIE_NOTICE = re.compile(r"^(?:we (?:and our (?:\w+ )?partners )?(?:use|store|place)|"
                           r"(?:this|our) (?:site|website) uses) cookies\b", re.I)
# A furniture line of any length ends in page controls: "We use cookies ... Manage
# preferences | Accept all", "Sign up to the newsletter ... Enter your email | Subscribe".
CONTROL_TAIL = re.compile(r"[.!?]\s+(?:[^.!?|]{1,30}\|\s*)+[^.!?|]{1,30}$")
# "Related: How to claim on your insurance | Photos: the town from the air": a list of links
# to other stories, however long, is page furniture.
LINK_LIST = re.compile(r"^(?:related|read more|see also|more on this story|also read|"
                        r"more from \w+)\s*:.*\S\s+\|\s+\S", re.I)
