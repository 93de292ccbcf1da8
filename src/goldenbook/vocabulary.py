"""Closed vocabularies of the record contract, with their Vietnamese labels.

The contract (docs: Hướng dẫn biên tập) fixes these values; the validator, the
JSON Schema, the templates and the editors' guide all read them from here.
"""

from __future__ import annotations

from types import MappingProxyType

KINDS = MappingProxyType({
    "initiative": "Sáng kiến",
    "collective": "Tập thể tiêu biểu",
})

FIELDS = MappingProxyType({
    "nong-nghiep": "Nông nghiệp, nông thôn",
    "cong-nghe-thong-tin": "Công nghệ thông tin, điện tử, viễn thông, chuyển đổi số",
    "nang-luong": "Tiết kiệm năng lượng, năng lượng mới",
    "co-khi-tu-dong-hoa": "Cơ khí, tự động hóa",
    "sinh-hoc": "Công nghệ sinh học",
    "y-te": "Y tế, chăm sóc sức khỏe",
    "giao-duc": "Giáo dục, đào tạo",
    "moi-truong": "Môi trường, tài nguyên, biến đổi khí hậu",
    "xay-dung-giao-thong": "Xây dựng, giao thông",
    "an-sinh-xa-hoi": "An sinh xã hội, giảm nghèo",
    "van-hoa-xa-hoi": "Văn hóa, xã hội, cộng đồng",
    "quan-ly-hanh-chinh": "Quản lý, cải cách hành chính",
    "quoc-phong-an-ninh": "Quốc phòng, an ninh, trật tự",
})

#: The status lifecycle, in order: nominated → under_review → recognized → published,
#: or not_selected / withdrawn.
STATUSES = MappingProxyType({
    "nominated": "Đề cử",
    "under_review": "Đang thẩm định",
    "recognized": "Được công nhận",
    "published": "Công bố",
    "not_selected": "Không được chọn",
    "withdrawn": "Rút hồ sơ",
})

PUBLIC_STATUSES = frozenset({"published"})
#: Awaiting the council's decision: the records of the council's dossier (hoi-dong/in/), in this order.
REVIEW_STATUSES = ("nominated", "under_review")

SCOPES = MappingProxyType({
    "commune": "Cấp xã",
    "district": "Cấp huyện",
    "province": "Cấp tỉnh",
    "region": "Cấp vùng",
    "national": "Toàn quốc",
})

COLLECTIVE_TYPES = MappingProxyType({
    "association": "Hội, đoàn thể",
    "cooperative": "Hợp tác xã",
    "enterprise": "Doanh nghiệp",
    "school": "Trường học",
    "agency": "Cơ quan, đơn vị",
    "community": "Thôn, tổ dân phố, khu dân cư",
    "club": "Câu lạc bộ",
})
