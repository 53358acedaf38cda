"""The demo's free text (names, notes, briefs) in English, simplified and traditional Chinese.

The demo is data, and an agency in Shanghai writes its notes in Chinese: ``demo_engagement(locale=)``
picks the words; the events, dates and rules are the same in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["DEMO_WORDS"]

_EN: dict[str, Any] = {
    "client": "Huaxia Real Estate",
    "ae": "agency:Li Na (AE)",
    "lead": "agency:Chen Hao (project director)",
    "manager": "agency:Zhang Min (department manager)",
    "client_actor": "client:Wang Lei (marketing director, Huaxia Real Estate)",
    "team": {
        "ae": "Li Na",
        "strategist": "Zhou Qi",
        "copywriter": "Wu Fang",
        "art_director": "Zheng Yu",
        "project_director": "Chen Hao",
    },
    "first_visit": "first visit: credentials and case studies",
    "pitch_meeting": "pitch: strategy direction and creative ideas",
    "briefing": {
        "company": "Huaxia Real Estate, Beijing",
        "product": "Huaxia Garden phase II, 420 flats",
        "channels": "sales office, agents, online",
        "targets": "young families upgrading",
        "competitors": "two projects within 3 km",
        "goals": "60% pre-sold by June",
        "budget": "CNY 8 million",
    },
    "ad": "newspaper ad, full page, launch of phase II",
    "ad_brief": "CB-2026-004: 'a garden at home'",
    "schedule": "launch media schedule, March-April",
    "rush_note": "cleared the studio's week",
    "comments_call": "client's comments on the ad",
    "changes": "larger garden photo, warmer headline",
    "ad_revision": "newspaper ad, full page, revision 1",
    "revision_brief": "CB-2026-004 with the client's notes",
    "hold": "client's team away for Spring Festival",
    "second_client": "Mingzhu Dairy",
    "second_actor": "client:Sun Li",
    "second_briefing": {
        "company": "Mingzhu Dairy, Shanghai",
        "product": "low-sugar yoghurt",
        "channels": "supermarkets, convenience stores",
        "targets": "office workers 25-40",
        "competitors": "three national brands",
        "goals": "10% share in East China",
        "budget": "CNY 5 million",
    },
    "step_changes": "shorter headline",
    "second_plan": "integrated launch plan",
}

_ZH_CN: dict[str, Any] = {
    "client": "华夏地产",
    "ae": "agency:李娜（客户主任）",
    "lead": "agency:陈浩（项目总监）",
    "manager": "agency:张敏（部门经理）",
    "client_actor": "client:王磊（华夏地产市场总监）",
    "team": {
        "ae": "李娜",
        "strategist": "周琪",
        "copywriter": "吴芳",
        "art_director": "郑宇",
        "project_director": "陈浩",
    },
    "first_visit": "首次拜访：介绍公司情况、展示作品及案例",
    "pitch_meeting": "提案：策略方向及创意构想",
    "briefing": {
        "company": "华夏地产（北京）",
        "product": "华夏花园二期，420套",
        "channels": "售楼处、代理、网络",
        "targets": "改善型年轻家庭",
        "competitors": "3公里内两个竞争楼盘",
        "goals": "6月前预售60%",
        "budget": "人民币800万元",
    },
    "ad": "报纸广告，整版，二期开盘",
    "ad_brief": "CB-2026-004：“家有花园”",
    "schedule": "开盘媒体排期，3月至4月",
    "rush_note": "已调整设计部本周工作",
    "comments_call": "客户对广告的意见",
    "changes": "花园图片放大，标题更温馨",
    "ad_revision": "报纸广告，整版，第1次修改",
    "revision_brief": "CB-2026-004，附客户意见",
    "hold": "春节期间客户团队休假",
    "second_client": "明珠乳业",
    "second_actor": "client:孙丽",
    "second_briefing": {
        "company": "明珠乳业（上海）",
        "product": "低糖酸奶",
        "channels": "超市、便利店",
        "targets": "25至40岁上班族",
        "competitors": "三个全国性品牌",
        "goals": "华东市场占有率10%",
        "budget": "人民币500万元",
    },
    "step_changes": "标题缩短",
    "second_plan": "上市整合推广计划",
}

_ZH_TW: dict[str, Any] = {
    "client": "華夏地產",
    "ae": "agency:李娜（客戶主任）",
    "lead": "agency:陳浩（項目總監）",
    "manager": "agency:張敏（部門經理）",
    "client_actor": "client:王磊（華夏地產市場總監）",
    "team": {
        "ae": "李娜",
        "strategist": "周琪",
        "copywriter": "吳芳",
        "art_director": "鄭宇",
        "project_director": "陳浩",
    },
    "first_visit": "首次拜訪：介紹公司情況、展示作品及案例",
    "pitch_meeting": "提案：策略方向及創意構想",
    "briefing": {
        "company": "華夏地產（北京）",
        "product": "華夏花園二期，420套",
        "channels": "售樓處、代理、網路",
        "targets": "改善型年輕家庭",
        "competitors": "3公里內兩個競爭樓盤",
        "goals": "6月前預售60%",
        "budget": "人民幣800萬元",
    },
    "ad": "報紙廣告，整版，二期開盤",
    "ad_brief": "CB-2026-004：「家有花園」",
    "schedule": "開盤媒體排期，3月至4月",
    "rush_note": "已調整設計部本週工作",
    "comments_call": "客戶對廣告的意見",
    "changes": "花園圖片放大，標題更溫馨",
    "ad_revision": "報紙廣告，整版，第1次修改",
    "revision_brief": "CB-2026-004，附客戶意見",
    "hold": "春節期間客戶團隊休假",
    "second_client": "明珠乳業",
    "second_actor": "client:孫麗",
    "second_briefing": {
        "company": "明珠乳業（上海）",
        "product": "低糖優格",
        "channels": "超市、便利商店",
        "targets": "25至40歲上班族",
        "competitors": "三個全國性品牌",
        "goals": "華東市場佔有率10%",
        "budget": "人民幣500萬元",
    },
    "step_changes": "標題縮短",
    "second_plan": "上市整合推廣計劃",
}

#: locale -> the demo's words.
DEMO_WORDS: Mapping[str, Mapping[str, Any]] = {"en": _EN, "zh_CN": _ZH_CN, "zh_TW": _ZH_TW}
