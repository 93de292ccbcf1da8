"""Synthetic records for scale tests and benchmarks: valid, varied, deterministic.

``write_records(folder, n, seed=0)`` writes ``n`` records under
``folder/initiatives/<province>/<slug>.yml`` that pass ``records.scan``:
Vietnamese text with diacritics drawn from word lists, every one of the 63
historic and 34 current provinces (historic names for years up to 2025,
current names after), every field, every status (about 60 % published), both
kinds, editions, collectives named as authors, awards, impact figures,
sources, council notes and private contacts, and bodies of about 300–400
words. The same ``n`` and ``seed`` always give the same bytes.

The records are made up: names, places, figures and URLs (example.org) are
placeholders. Command line::

    python -m goldenbook.synthetic DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Formatter

from .provinces import LAST_HISTORIC_YEAR, Province, load_register
from .text import fold, slugify
from .vocabulary import COLLECTIVE_TYPES, FIELDS, SCOPES

__all__ = ["write_records", "main"]

# ---------------------------------------------------------------- word lists (Vietnamese, English)

#: Per field: what the initiative does, as (Vietnamese, English) phrases.
ACTIONS: dict[str, list[tuple[str, str]]] = {
    "nong-nghiep": [("sấy nông sản", "drying farm produce"), ("tưới nhỏ giọt cho vườn cà phê", "drip irrigation for coffee gardens"),
                    ("gieo sạ lúa theo hàng", "row seeding of rice"), ("bóc vỏ lạc", "peanut shelling"),
                    ("thu hoạch thanh long", "dragon fruit harvesting"), ("ủ phân hữu cơ từ phụ phẩm", "composting crop residues"),
                    ("nuôi tôm trong ao lót bạt", "shrimp farming in lined ponds"), ("trồng rau thủy canh", "hydroponic vegetables"),
                    ("bảo quản vải thiều sau thu hoạch", "post-harvest storage of lychee"), ("chăn nuôi bò sinh sản", "breeding cattle"),
                    ("phòng trừ sâu bệnh sinh học", "biological pest control"), ("nước sạch cho vùng chăn nuôi", "clean water for livestock areas")],
    "cong-nghe-thong-tin": [("quản lý hồ sơ hộ nghèo", "managing poor-household records"), ("tra cứu thủ tục hành chính", "looking up administrative procedures"),
                            ("cảnh báo thiên tai qua tin nhắn", "disaster alerts by text message"), ("số hóa tài liệu lưu trữ", "digitising archives"),
                            ("bản đồ số nông sản", "digital map of farm products"), ("quản lý thư viện trường học", "school library management"),
                            ("thanh toán không dùng tiền mặt ở chợ", "cashless payment at markets"), ("giám sát môi trường bằng cảm biến", "sensor-based environmental monitoring"),
                            ("chấm công bằng nhận diện khuôn mặt", "face-recognition attendance"), ("hỏi đáp pháp luật trực tuyến", "online legal Q&A")],
    "nang-luong": [("sấy bằng năng lượng mặt trời", "solar drying"), ("đun nước nóng bằng nhiệt thải", "waste-heat water heating"),
                   ("chiếu sáng đường làng bằng đèn năng lượng mặt trời", "solar village street lighting"), ("sản xuất khí sinh học", "biogas production"),
                   ("điều khiển bơm tiết kiệm điện", "energy-saving pump control"), ("bếp đun cải tiến tiết kiệm củi", "improved wood-saving stoves"),
                   ("tua-bin gió cỡ nhỏ", "small wind turbines"), ("thu hồi nhiệt lò hơi", "boiler heat recovery"),
                   ("trạm sạc xe điện", "electric vehicle charging")],
    "co-khi-tu-dong-hoa": [("máy cắt cỏ tự hành", "self-propelled mowing"), ("băng tải phân loại trái cây", "fruit-sorting conveyors"),
                           ("máy ép viên thức ăn chăn nuôi", "feed pelleting"), ("cánh tay robot hàn", "robotic welding arms"),
                           ("máy tách hạt ngô", "maize shelling"), ("hệ thống đóng gói tự động", "automatic packaging"),
                           ("máy xới đất mini", "mini tillers"), ("máy rửa củ quả", "washing root vegetables"),
                           ("máy cuốn nem", "spring-roll wrapping")],
    "sinh-hoc": [("nhân giống lan bằng nuôi cấy mô", "tissue-culture orchid propagation"), ("chế phẩm vi sinh xử lý chất thải", "microbial waste treatment"),
                 ("nuôi cấy nấm đông trùng hạ thảo", "cordyceps cultivation"), ("men vi sinh cho ao nuôi", "probiotics for fish ponds"),
                 ("chọn tạo giống lúa chịu mặn", "breeding salt-tolerant rice"), ("sản xuất nấm rơm trong nhà", "indoor straw mushroom production"),
                 ("bảo tồn gen cây dược liệu", "conserving medicinal plant genes"), ("phân bón hữu cơ vi sinh", "microbial organic fertiliser")],
    "y-te": [("quản lý sức khỏe người cao tuổi", "elderly health management"), ("khám bệnh từ xa", "remote consultations"),
             ("sơ cứu đuối nước cho học sinh", "drowning first aid for pupils"), ("theo dõi tiêm chủng", "vaccination tracking"),
             ("phục hồi chức năng tại nhà", "home rehabilitation"), ("xe cấp cứu liên xã", "inter-commune ambulances"),
             ("dinh dưỡng cho trẻ suy dinh dưỡng", "nutrition for malnourished children"), ("phòng chống sốt xuất huyết", "dengue prevention")],
    "giao-duc": [("dạy học STEM bằng vật liệu tái chế", "STEM teaching with recycled materials"), ("phòng thí nghiệm ảo", "virtual laboratories"),
                 ("dạy bơi an toàn", "safe swimming lessons"), ("thư viện sách lưu động", "mobile libraries"),
                 ("học tiếng Việt cho trẻ dân tộc thiểu số", "Vietnamese for ethnic-minority children"), ("hướng nghiệp cho học sinh", "career guidance for pupils"),
                 ("dạy tin học cho người cao tuổi", "computer classes for the elderly"), ("bồi dưỡng giáo viên trực tuyến", "online teacher training")],
    "moi-truong": [("phân loại rác tại nguồn", "waste sorting at source"), ("xử lý nước thải sinh hoạt", "domestic wastewater treatment"),
                   ("thu gom rác thải nhựa trên sông", "collecting plastic waste on rivers"), ("trồng rừng ngập mặn", "mangrove planting"),
                   ("cảnh báo sạt lở đất", "landslide warning"), ("lọc nước nhiễm mặn", "desalinating brackish water"),
                   ("tái chế bao bì thuốc bảo vệ thực vật", "recycling pesticide packaging"), ("nước sạch cho vùng ven biển", "clean water for coastal areas")],
    "xay-dung-giao-thong": [("cầu treo dân sinh lắp ghép", "prefabricated footbridges"), ("bê tông hóa đường nội đồng", "concreting field roads"),
                            ("gạch không nung từ phế thải", "unfired bricks from waste"), ("nhà chống lũ", "flood-proof houses"),
                            ("cống ngăn mặn tự động", "automatic salinity sluices"), ("biển báo giao thông phát sáng", "luminous road signs"),
                            ("kè chống sạt lở bằng tre", "bamboo erosion embankments")],
    "an-sinh-xa-hoi": [("nhà đại đoàn kết cho hộ nghèo", "solidarity houses for poor families"), ("tủ áo tình thương", "charity clothes cupboards"),
                       ("bữa cơm từ thiện", "charity meals"), ("sinh kế cho phụ nữ nghèo", "livelihoods for poor women"),
                       ("quỹ tín dụng xoay vòng", "revolving credit funds"), ("hỗ trợ người khuyết tật tìm việc làm", "job support for people with disabilities"),
                       ("chăm sóc trẻ mồ côi", "caring for orphans")],
    "van-hoa-xa-hoi": [("thuyết minh di tích bằng mã QR", "QR-code heritage guides"), ("bảo tồn dân ca", "preserving folk songs"),
                       ("du lịch cộng đồng", "community tourism"), ("tủ sách cộng đồng", "community bookshelves"),
                       ("câu lạc bộ văn nghệ dân gian", "folk arts clubs"), ("phục dựng lễ hội truyền thống", "reviving traditional festivals")],
    "quan-ly-hanh-chinh": [("một cửa điện tử cấp xã", "electronic one-stop shop for communes"), ("tiếp nhận phản ánh của người dân", "receiving citizens' feedback"),
                           ("quản lý văn bản điều hành", "managing administrative documents"), ("đánh giá mức độ hài lòng", "measuring satisfaction"),
                           ("chữ ký số cho cán bộ xã", "digital signatures for commune officials"), ("họp trực tuyến không giấy", "paperless online meetings")],
    "quoc-phong-an-ninh": [("camera an ninh cộng đồng", "community security cameras"), ("tổ tự quản an ninh trật tự", "self-managed security teams"),
                           ("cảnh báo tàu cá vượt ranh giới", "warning fishing boats at maritime boundaries"), ("phòng cháy chữa cháy khu dân cư", "fire safety in residential areas"),
                           ("tuyên truyền phòng chống lừa đảo qua mạng", "preventing online fraud")],
}

#: How a title begins, with the action inserted: (Vietnamese, English).
HEADS = [("Máy {a}", "Machine for {a}"), ("Thiết bị {a}", "Device for {a}"), ("Hệ thống {a}", "System for {a}"),
         ("Mô hình {a}", "Model of {a}"), ("Giải pháp {a}", "Solution for {a}"), ("Ứng dụng {a}", "App for {a}"),
         ("Quy trình {a}", "Process for {a}"), ("Sáng kiến {a}", "Initiative on {a}"), ("Cải tiến {a}", "Improving {a}"),
         ("Phần mềm {a}", "Software for {a}")]

QUALIFIERS = [("dùng năng lượng mặt trời", "powered by solar energy"), ("cho hộ nông dân", "for farming households"),
              ("quy mô hợp tác xã", "at cooperative scale"), ("ứng dụng Internet vạn vật", "using the Internet of Things"),
              ("giá thành thấp", "at low cost"), ("tiết kiệm nước", "that saves water"), ("kết nối điện thoại thông minh", "linked to smartphones"),
              ("cho vùng đồng bào dân tộc thiểu số", "for ethnic-minority areas"), ("tại vùng ven biển", "in coastal areas"),
              ("cho trường học", "for schools"), ("thân thiện với môi trường", "that is environmentally friendly"),
              ("vận hành tự động", "that runs automatically"), ("cho vùng đồi núi", "for upland areas"), ("bằng vật liệu địa phương", "with local materials"),
              ("tại khu dân cư", "in residential areas"), ("thích ứng biến đổi khí hậu", "adapted to climate change"),
              ("cho người cao tuổi", "for older people"), ("trên nền tảng số", "on a digital platform")]

PLACES = ["Tân Phú", "Hòa Khánh", "Hoà Bình", "Phú Lộc", "An Nhơn", "Đông Hưng", "Yên Thành", "Đức Phổ", "Long Điền",
          "Cẩm Lệ", "Quế Sơn", "Thạnh Phú", "Bình Minh", "Hưng Hà", "Xuân Trường", "Diễn Châu", "Đại Lộc", "Điện Bàn",
          "Ea Kar", "Mường Thanh", "Sa Pa", "Bảo Lộc", "Châu Thành", "Hòa Vang", "Núi Thành", "Tiên Du", "Quỳnh Lưu",
          "Thủy Nguyên", "Thuỷ Phù", "Cửa Lò", "Vĩnh Thạnh", "Phước Long", "Trà Ôn", "Mỹ Xuyên", "Kỳ Anh", "Hương Sơn",
          "Lạc Dương", "Đắk Mil", "Krông Pắc", "Tam Nông", "Cao Lãnh", "Gò Công", "Nghĩa Hành", "Ba Tơ", "Hải Hậu"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thành", "Xuân", "Hoài", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hà", "Hải", "Hòa", "Hoà", "Hùng", "Hương", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thủy", "Thuỷ", "Trung", "Tuấn", "Vân",
         "Việt", "Yến"]
ROLES = ["Chủ nhiệm", "Thành viên", "Kỹ thuật viên", "Giáo viên", "Bác sĩ", "Kỹ sư cơ khí", "Cán bộ Mặt trận",
         "Nông dân", "Công chức xã", "Hội viên"]
ORGS = ["Hợp tác xã {p}", "Trường THCS {p}", "Trạm Y tế xã {p}", "Ủy ban nhân dân xã {p}", "Hội Nông dân xã {p}",
        "Công ty TNHH Cơ khí {p}"]
NOMINATORS = ["Ủy ban MTTQ Việt Nam {t} {p}", "Liên hiệp các Hội Khoa học và Kỹ thuật {t} {p}",
              "Sở Khoa học và Công nghệ {t} {p}", "Hội Nông dân {t} {p}", "Tỉnh đoàn {p}", "Liên đoàn Lao động {t} {p}"]
AWARDS = ["Hội thi Sáng tạo kỹ thuật {t} {p} lần thứ {n}", "Cuộc thi Ý tưởng sáng tạo {t} {p}",
          "Giải thưởng Sáng tạo khoa học công nghệ {t} {p}", "Hội thi Nhà nông sáng tạo {t} {p}",
          "Cuộc thi Sáng tạo thanh thiếu niên nhi đồng {t} {p}"]
LEVELS = ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích", "Giải Đặc biệt"]
TAGS = ["chuyen-doi-so", "nong-thon-moi", "nang-luong-sach", "tiet-kiem", "an-sinh-xa-hoi", "phu-nu", "thanh-nien",
        "hoc-sinh", "nguoi-cao-tuoi", "bien-doi-khi-hau", "nuoc-sach", "tai-che", "cong-dong", "khoi-nghiep",
        "co-khi", "iot", "nong-san", "du-lich", "y-te-co-so", "cai-cach-hanh-chinh", "phong-chong-thien-tai"]
PUBLISHERS = ["Tạp chí Mặt trận", "Báo Đại Đoàn Kết", "Cổng thông tin điện tử tỉnh", "NXB Khoa học và Kỹ thuật",
              "Báo Nhân Dân"]

PEOPLE = ["người dân", "hộ gia đình", "nông dân", "học sinh", "giáo viên", "cán bộ cơ sở", "doanh nghiệp nhỏ",
          "thanh niên", "phụ nữ", "người cao tuổi", "trẻ em", "ngư dân", "công nhân", "bệnh nhân", "hội viên",
          "đồng bào dân tộc thiểu số", "tiểu thương", "hộ kinh doanh"]
PROBLEMS = ["thiếu nước sinh hoạt vào mùa khô", "xâm nhập mặn ngày càng sâu", "sạt lở đất trong mùa mưa bão",
            "ô nhiễm môi trường ở khu dân cư", "chi phí sản xuất cao", "năng suất lao động thấp",
            "thất thoát sau thu hoạch", "tai nạn giao thông trên đường liên xã", "thủ tục hành chính còn rườm rà",
            "rác thải nhựa tồn đọng", "dịch bệnh trên cây trồng và vật nuôi", "thiếu lao động lúc thời vụ",
            "hạn hán kéo dài", "lũ quét bất ngờ", "giá điện tăng", "thông tin đến người dân chậm",
            "thiếu sân chơi cho thiếu nhi", "đường sá xuống cấp"]
BENEFITS = ["giảm chi phí sản xuất", "tăng năng suất lao động", "tiết kiệm thời gian đi lại", "nâng cao thu nhập",
            "bảo vệ môi trường", "bảo đảm an toàn cho người sử dụng", "giảm công lao động nặng nhọc",
            "cải thiện chất lượng sản phẩm", "rút ngắn thời gian xử lý hồ sơ", "giảm phát thải khí nhà kính",
            "tăng cường gắn kết cộng đồng", "nâng cao chất lượng dạy và học"]
MATERIALS = ["thép không gỉ", "nhựa tái chế", "gỗ keo", "tre", "ống nhựa HDPE", "tôn lạnh", "nhôm định hình",
             "bê tông cốt thép", "tấm pin mặt trời", "bo mạch vi điều khiển", "cảm biến độ ẩm", "động cơ điện một pha"]

CONTEXT = [
    "Trên địa bàn {loc}, {who} nhiều năm nay gặp khó khăn do {problem}.",
    "Trước đây, việc {action} chủ yếu làm thủ công, tốn nhiều công sức mà hiệu quả chưa cao.",
    "Theo khảo sát của {org}, khoảng {pct} phần trăm {who} cho biết {problem} là trở ngại lớn nhất.",
    "Các thiết bị nhập khẩu có giá từ {money} triệu đồng trở lên, vượt quá khả năng của phần lớn {who}.",
    "Xuất phát từ thực tế đó, {author} đã mày mò nghiên cứu từ năm {since} với mong muốn {benefit}.",
    "Phong trào thi đua “Đoàn kết sáng tạo” do Ủy ban Mặt trận Tổ quốc phát động đã khích lệ {who} mạnh dạn đề xuất cách làm mới.",
    "Ở nhiều thôn, bản của {province}, {problem} ảnh hưởng trực tiếp đến đời sống và sinh kế của {who}.",
]
SOLUTION = [
    "Sản phẩm gồm khung bằng {material}, bộ điều khiển và {material2}, được lắp ráp từ linh kiện sẵn có trong nước.",
    "Nhóm tác giả thiết kế lại quy trình {action}, chia thành {steps} bước đơn giản để {who} dễ làm theo.",
    "Giải pháp sử dụng {material} kết hợp {material2}, giúp vận hành ổn định trong điều kiện thời tiết khắc nghiệt.",
    "Người sử dụng chỉ cần thao tác trên điện thoại để theo dõi và điều chỉnh, không cần trình độ kỹ thuật cao.",
    "Toàn bộ bản vẽ, hướng dẫn lắp đặt và bảo dưỡng được chia sẻ miễn phí để các địa phương khác áp dụng.",
    "Chi phí chế tạo một bộ khoảng {money} triệu đồng, chỉ bằng một phần ba giá thiết bị cùng loại trên thị trường.",
    "Ban Công tác Mặt trận vận động {who} góp công, góp vật liệu và cùng tham gia vận hành, bảo dưỡng.",
    "Sau nhiều lần thử nghiệm tại {loc}, nhóm đã điều chỉnh {material} để tăng độ bền và giảm tiếng ồn.",
    "Mỗi tổ tự quản phân công người theo dõi, ghi chép số liệu hằng tuần và báo cáo cho chính quyền xã.",
]
RESULTS = [
    "Sau {years} năm áp dụng, sáng kiến giúp {count} {who} {benefit}.",
    "Giá trị làm lợi ước tính khoảng {money} triệu đồng mỗi năm (số liệu minh họa).",
    "Năng suất tăng khoảng {pct} phần trăm so với cách làm cũ, thời gian thực hiện giảm gần một nửa.",
    "Mô hình đã được nhân rộng ra {count} xã, phường trong tỉnh {province} và một số địa phương lân cận.",
    "Sáng kiến đạt {level} tại {award}.",
    "Nhiều đoàn cán bộ, {who} từ các tỉnh bạn đã đến tham quan, học tập cách làm.",
    "Báo cáo tổng kết của {org} đánh giá đây là cách làm hay, dễ nhân rộng và phù hợp với điều kiện của {who}.",
]
OUTLOOK = [
    "Trong thời gian tới, nhóm tác giả tiếp tục hoàn thiện sản phẩm, đăng ký bảo hộ sở hữu trí tuệ và chuyển giao cho {who}.",
    "Sáng kiến có thể áp dụng rộng rãi ở các địa phương có điều kiện tương tự như {loc}.",
    "Địa phương đề xuất hỗ trợ kinh phí để nhân rộng mô hình ra toàn tỉnh {province}.",
    "Tác giả mong muốn kết nối với doanh nghiệp để sản xuất hàng loạt, hạ giá thành.",
]

COLLECTIVE_NAMES = {
    "association": ["Hội Nông dân xã {x}", "Hội Liên hiệp Phụ nữ huyện {x}", "Đoàn Thanh niên phường {x}",
                    "Hội Cựu chiến binh xã {x}"],
    "cooperative": ["Hợp tác xã Nông nghiệp {x}", "Hợp tác xã Dịch vụ tổng hợp {x}", "Hợp tác xã Thủy sản {x}"],
    "enterprise": ["Công ty TNHH Cơ khí {x}", "Công ty Cổ phần Nông sản {x}", "Công ty TNHH Công nghệ {x}"],
    "school": ["Trường THCS {x}", "Trường Tiểu học {x}", "Trường THPT {x}"],
    "agency": ["Ủy ban MTTQ Việt Nam xã {x}", "Trạm Y tế xã {x}", "Ban Công tác Mặt trận thôn {x}"],
    "community": ["Thôn {x}", "Tổ dân phố số {n} phường {x}", "Khu dân cư {x}"],
    "club": ["Câu lạc bộ Nông dân sáng tạo xã {x}", "Câu lạc bộ Thanh niên khởi nghiệp {x}", "Câu lạc bộ Dưỡng sinh {x}"],
}
MODELS = ["Một ngày vì phụ nữ nghèo", "Bữa cơm từ thiện", "Tủ áo tình thương", "Đường hoa nông thôn mới",
          "Thùng rác xanh", "Camera an ninh cộng đồng", "Quỹ khuyến học", "Vườn rau dinh dưỡng", "Hũ gạo tình thương",
          "Ngày chủ nhật xanh"]

#: Status → weight (about 60 % published).
STATUS_WEIGHTS = {"published": 60, "nominated": 10, "under_review": 9, "recognized": 9, "not_selected": 8,
                  "withdrawn": 4}
YEARS = list(range(2016, 2027))
#: No made-up date lies after this day, and no edition after its year: records must not be dated after the
#: build date, nor be published in a book not out yet, and these stay valid on any build date from then on.
LAST_DAY = "2026-11-30"
YEAR_WEIGHTS = [4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 6]


_PLAIN = re.compile(r"[^\W_]+( [^\W_]+)*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# ---------------------------------------------------------------- records in memory

@dataclass
class _Record:
    kind: str
    heading: str
    unit: Province  # the unit named in the record (historic up to 2025, current after)
    year: int
    status: str
    slug: str = ""
    fields: dict = field(default_factory=dict)  # every other key, in file order
    initiatives: list[str] = field(default_factory=list)  # collectives: initiatives they authored


@lru_cache(maxsize=None)
def _slots(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in Formatter().parse(template) if name))


def _slug(heading: str) -> str:
    """``text.slugify`` for the letters, digits and spaces of generated headings, without its cost."""
    if _PLAIN.fullmatch(heading):
        return _NOT_SLUG.sub("-", fold(heading)).strip("-")
    return slugify(heading)


def _lower_first(text: str) -> str:
    """"Thị xã Điện Bàn" → "thị xã Điện Bàn" (the kind of place, not its name)."""
    for kind in ("Thị xã", "Xã", "Phường", "Huyện"):
        if text.startswith(kind + " "):
            return kind.lower() + text[len(kind):]
    return text


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "\n".join(indent + line if line else "" for line in text.split("\n")) + "\n"


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._random = self.rng.random
        self.year = 2024
        self.makers = self._makers()
        self.register = load_register()
        self.historic = list(self.register.historic)
        self.current = list(self.register.current)
        self.field_slugs = list(FIELDS)
        self.slugs: set[str] = set()
        self.identities: set[tuple[str, str, str]] = set()
        self.counters = {"historic": 0, "current": 0, "field": 0}

    # -- small pieces
    def pick(self, items):
        return items[int(self._random() * len(items))]

    def person(self) -> str:
        return f"{self.pick(FAMILY)} {self.pick(MIDDLE)} {self.pick(GIVEN)}"

    def unit_for(self, year: int) -> Province:
        era = "historic" if year <= LAST_HISTORIC_YEAR else "current"
        units = self.historic if era == "historic" else self.current
        index = self.counters[era]
        self.counters[era] += 1
        # every unit of the era first (so small sets cover all 63 and 34), then at random
        return units[index] if index < len(units) else self.pick(units)

    def province_text(self, unit: Province) -> str:
        # old-style tone placement and long forms now and then, as editors type them
        if unit.name == "Hòa Bình" and self.rng.random() < 0.5:
            return "Hoà Bình"
        if unit.name == "Thanh Hóa" and self.rng.random() < 0.5:
            return "Thanh Hoá"
        if self.rng.random() < 0.05:
            return unit.full_name
        return unit.name

    def unit_word(self, unit: Province) -> str:
        return "thành phố" if unit.type == "thanh-pho" else "tỉnh"

    def locality(self, year: int) -> str:
        kinds = ["Xã", "Phường", "Huyện", "Thị xã"] if year <= LAST_HISTORIC_YEAR else ["Xã", "Phường"]
        return f"{self.pick(kinds)} {self.pick(PLACES)}"

    def claim(self, kind: str, heading: str, unit: Province, year: int) -> str | None:
        """A free file name for the record, or None if the record would duplicate another."""
        identity = (kind, fold(heading), unit.key)
        if identity in self.identities:
            return None
        base = _slug(heading)
        for stem in (base, f"{base}-{unit.slug}", f"{base}-{unit.slug}-{year}", f"{base}-{year}"):
            if stem not in self.slugs and len(stem) <= 120:
                self.slugs.add(stem)
                self.identities.add(identity)
                return stem
        return None

    def fill(self, template: str, ctx: dict) -> str:
        makers = self.makers
        values = {name: (ctx[name] if name in ctx else makers[name]()) for name in _slots(template)}
        return template.format(**values)

    def _makers(self) -> dict:
        pick, rand = self.pick, self._random
        return {
            "who": lambda: pick(PEOPLE), "problem": lambda: pick(PROBLEMS), "benefit": lambda: pick(BENEFITS),
            "pct": lambda: 15 + int(rand() * 75), "money": lambda: 2 + int(rand() * 398),
            "since": lambda: self.year - 1 - int(rand() * 3), "material": lambda: pick(MATERIALS),
            "material2": lambda: pick(MATERIALS), "steps": lambda: 3 + int(rand() * 5),
            "years": lambda: 1 + int(rand() * 5), "count": lambda: f"{2 + int(rand() * 2998):,}".replace(",", "."),
        }

    def paragraphs(self, ctx: dict) -> str:
        self.year = ctx["year"]
        sections = [("Bối cảnh", CONTEXT, 3), ("Giải pháp", SOLUTION, 4), ("Kết quả", RESULTS, 4),
                    ("Khả năng nhân rộng", OUTLOOK, 2)]
        out = []
        for heading, pool, count in sections:
            chosen = self.rng.sample(pool, min(count, len(pool)))
            sentences = [self.fill(t, ctx) for t in chosen]
            # two paragraphs per section, wrapped like an editor's text
            half = max(1, len(sentences) // 2)
            out.append(f"## {heading}\n\n" + " ".join(sentences[:half]) +
                       ("\n\n" + " ".join(sentences[half:]) if sentences[half:] else ""))
        return "\n\n".join(out)

    # -- records
    def status_and_year(self) -> tuple[str, int]:
        status = self.rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        year = self.rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
        return status, year

    def common(self, record: _Record, ctx: dict, summary: str) -> dict:
        rng = self.rng
        data: dict = {"province": self.province_text(record.unit)}
        if rng.random() < 0.85:
            data["locality"] = ctx["loc"]
        data["year"] = record.year
        data["status"] = record.status
        if record.status == "published" or (record.status == "recognized" and rng.random() < 0.3):
            data["edition"] = min(record.year + rng.choice([0, 1, 1]), int(LAST_DAY[:4]))
        data["summary"] = summary
        return data

    def extras(self, record: _Record, data: dict, ctx: dict) -> None:
        rng = self.rng
        data["tags"] = sorted(set(rng.sample(TAGS, rng.randrange(0, 4))))
        if rng.random() < 0.6:
            data["sources"] = [{
                "title": f"{ctx['province']}: lan tỏa phong trào “Đoàn kết sáng tạo” năm {record.year}",
                "url": f"https://example.org/tin-tuc/{record.unit.slug}/{record.slug}",
                "publisher": self.pick(PUBLISHERS),
                "date": min(f"{record.year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", LAST_DAY),
            }]
        if record.status in ("recognized", "published", "not_selected"):
            data["council"] = {
                "decision": f"{rng.randrange(1, 900)}/QĐ-HĐTC",
                "date": min(f"{record.year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", LAST_DAY),
                "score": rng.randrange(50, 100),
                "notes": "Ghi chú nội bộ của hội đồng: cần bổ sung số liệu kiểm chứng (minh họa).",
            }
        if rng.random() < 0.5:
            data["contact"] = {"name": self.person(), "phone": f"0900 {rng.randrange(1000):03d} {rng.randrange(1000):03d}",
                               "email": f"lienhe{rng.randrange(10000)}@example.org"}

    def context(self, unit: Province, year: int, action: str = "") -> dict:
        level, award_name = self.pick(LEVELS), self.pick(AWARDS)
        return {"loc": self.locality(year), "province": unit.name, "action": action or "triển khai mô hình",
                "author": "nhóm tác giả", "org": self.pick(NOMINATORS).format(t=self.unit_word(unit), p=unit.name),
                "year": year, "level": level,
                "award": award_name.format(t=self.unit_word(unit), p=unit.name, n=self.rng.randrange(2, 12))}

    def initiative(self) -> _Record | None:
        rng = self.rng
        status, year = self.status_and_year()
        unit = self.unit_for(year)
        index = self.counters["field"]
        self.counters["field"] += 1
        field_slug = self.field_slugs[index % len(self.field_slugs)] if index < 3 * len(self.field_slugs) \
            else self.pick(self.field_slugs)
        action_vi, action_en = self.pick(ACTIONS[field_slug])
        head_vi, head_en = self.pick(HEADS)
        qualifier_vi, qualifier_en = self.pick(QUALIFIERS)
        title = f"{head_vi.format(a=action_vi)} {qualifier_vi}"
        title_en = f"{head_en.format(a=action_en)} {qualifier_en}"
        if rng.random() < 0.35:
            extra_vi, extra_en = self.pick(QUALIFIERS)
            if extra_vi != qualifier_vi:
                title, title_en = f"{title} {extra_vi}", f"{title_en}, {extra_en}"
        if rng.random() < 0.15:
            title += f" tại {unit.name}"
        record = _Record("initiative", title, unit, year, status)
        slug = self.claim("initiative", title, unit, year)
        if slug is None:
            return None
        record.slug = slug
        ctx = self.context(unit, year, action_vi)
        people = [self.person() for _ in range(rng.randrange(1, 4))]
        ctx["author"] = people[0] if len(people) == 1 else "nhóm tác giả " + ", ".join(people)
        summary = (f"{title[0].upper()}{title[1:]} giúp {self.pick(PEOPLE)} {self.pick(BENEFITS)} và "
                   f"{self.pick(BENEFITS)}; được áp dụng tại {_lower_first(ctx['loc'])}, {self.unit_word(unit)} {unit.name} "
                   f"từ năm {year - rng.randrange(0, 3)}, khắc phục tình trạng {self.pick(PROBLEMS)}.")
        data: dict = {"kind": "initiative", "title": title}
        if rng.random() < 0.6:
            data["title_en"] = title_en[0].upper() + title_en[1:]
        data["field"] = field_slug
        data.update(self.common(record, ctx, summary))
        data["body"] = self.paragraphs(ctx)
        shares = [100] if len(people) == 1 else ([60, 40] if len(people) == 2 else [50, 30, 20])
        data["authors"] = []
        for person, share in zip(people, shares):
            author = {"name": person, "role": self.pick(ROLES)}
            if rng.random() < 0.5:
                author["organization"] = self.pick(ORGS).format(p=self.pick(PLACES))
            if rng.random() < 0.7:
                author["share"] = share
            data["authors"].append(author)
        data["nominated_by"] = ctx["org"]
        if rng.random() < 0.8:
            data["award"] = {"name": ctx["award"], "level": ctx["level"], "year": year}
        if rng.random() < 0.7:
            data["impact"] = {"beneficiaries": rng.randrange(20, 50000), "value_vnd": rng.randrange(1, 5000) * 1_000_000,
                              "description": f"{self.pick(PEOPLE).capitalize()} tại {ctx['loc']} (số liệu minh họa)."}
        data["scope"] = self.pick(list(SCOPES))
        if rng.random() < 0.6:
            data["applied_since"] = year - rng.randrange(0, 3)
        self.extras(record, data, ctx)
        record.fields = data
        return record

    def collective(self) -> _Record | None:
        rng = self.rng
        status, year = self.status_and_year()
        unit = self.unit_for(year)
        kind_of = self.pick(list(COLLECTIVE_TYPES))
        name = self.pick(COLLECTIVE_NAMES[kind_of]).format(x=self.pick(PLACES), n=rng.randrange(1, 30))
        if rng.random() < 0.5:
            name += f" {self.unit_word(unit)} {unit.name}"
        record = _Record("collective", name, unit, year, status)
        slug = self.claim("collective", name, unit, year)
        if slug is None:
            return None
        record.slug = slug
        ctx = self.context(unit, year)
        models = rng.sample(MODELS, rng.randrange(1, 4))
        summary = (f"{name} duy trì và nhân rộng các mô hình {', '.join(f'“{m}”' for m in models)}, vận động "
                   f"{self.pick(PEOPLE)} tham gia phong trào “Đoàn kết sáng tạo”, góp phần {self.pick(BENEFITS)} "
                   f"tại {_lower_first(ctx['loc'])}, {self.unit_word(unit)} {unit.name}.")
        data: dict = {"kind": "collective", "name": name, "type": kind_of}
        data.update(self.common(record, ctx, summary))
        data["achievements"] = self.paragraphs(ctx)
        data["recognition"] = {"title": f"Bằng khen của Ủy ban MTTQ Việt Nam {self.unit_word(unit)} {unit.name}",
                               "by": f"Ủy ban MTTQ Việt Nam {self.unit_word(unit)} {unit.name}",
                               "decision": f"Quyết định số {rng.randrange(1, 300):02d}/QĐ-MTTQ-BTT",
                               "date": min(f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", LAST_DAY)}
        data["models"] = models
        self.extras(record, data, ctx)
        record.fields = data
        return record


# ---------------------------------------------------------------- YAML text

def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return _q(value)


def _yaml(data: dict, indent: str = "") -> str:
    lines = []
    for key, value in data.items():
        if key in ("body", "achievements"):
            lines.append(f"{indent}{key}: {_block(value, indent + '  ')}".rstrip("\n"))
        elif isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.append(_yaml(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, list):
            if not value:
                lines.append(f"{indent}{key}: []")
                continue
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = _yaml(item, indent + "    ").rstrip("\n")
                    lines.append(f"{indent}  - " + inner.lstrip(" "))
                else:
                    lines.append(f"{indent}  - {_scalar(item)}")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


HEADER = "# Hồ sơ tổng hợp (synthetic) — dữ liệu giả lập để thử quy mô, không phải hồ sơ thật.\n"


def _render(record: _Record) -> str:
    data = dict(record.fields)
    if record.kind == "collective" and record.initiatives:
        data["initiatives"] = record.initiatives
    return HEADER + _yaml(data)


# ---------------------------------------------------------------- entry points

def make_records(n: int, seed: int = 0) -> list[_Record]:
    """``n`` records in memory (about one in eight a collective)."""
    maker = _Maker(seed)
    records: list[_Record] = []
    attempts = 0
    while len(records) < n:
        attempts += 1
        if attempts > 20 * n + 100:
            raise RuntimeError("synthetic: could not make enough distinct records")
        collective = len(records) % 8 == 7
        record = maker.collective() if collective else maker.initiative()
        if record is not None:
            records.append(record)
    # Some initiatives are authored by a collective of their province (or any collective).
    collectives = [r for r in records if r.kind == "collective"]
    by_unit: dict[str, list[_Record]] = {}
    for record in collectives:
        by_unit.setdefault(record.unit.key, []).append(record)
    rng = maker.rng
    for record in records:
        if record.kind != "initiative" or not collectives or rng.random() >= 0.15:
            continue
        group = by_unit.get(record.unit.key) or collectives
        author = group[rng.randrange(len(group))]
        record.fields["authors"] = [{"collective": author.slug}] + record.fields["authors"][:1]
        if len(author.initiatives) < 6:
            author.initiatives.append(record.slug)
    return records


def write_records(folder: Path | str, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` valid records under ``folder/initiatives/``; return their paths."""
    root = Path(folder) / "initiatives"
    paths = []
    made_dirs: set[Path] = set()
    for record in make_records(n, seed):
        directory = root / record.unit.slug
        if directory not in made_dirs:
            directory.mkdir(parents=True, exist_ok=True)
            made_dirs.add(directory)
        path = directory / f"{record.slug}.yml"
        path.write_text(_render(record), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m goldenbook.synthetic",
                                     description="Write N synthetic (made-up) valid records into DIR/initiatives/.")
    parser.add_argument("dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write_records(args.dir, args.n, args.seed)
    print(f"{len(paths)} records written to {args.dir / 'initiatives'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
