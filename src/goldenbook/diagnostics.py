"""What the validator tells an editor: located, in Vietnamese, with a fix.

Every problem has a stable ``code`` (documented in the editors' guide), a
message in Vietnamese with English beside it, and a hint that says what to do.
The catalogue below is the single source of those texts.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

from .yamlsource import FILLERS, INVISIBLE

__all__ = ["Diagnostic", "MESSAGES", "catalogue", "make", "format_text", "format_github", "format_json", "path_text",
           "printable"]

Severity = Literal["error", "warning"]

#: code → (Vietnamese message, English message, Vietnamese hint). ``{…}`` are
#: filled from the diagnostic's parameters.
MESSAGES: dict[str, tuple[str, str, str]] = {
    # Reading the file
    "file-too-large": ("Tệp quá lớn ({size} byte, tối đa {limit}).", "File too large.",
                       "Một hồ sơ chỉ là văn bản ngắn; hãy bỏ nội dung thừa hoặc tách ảnh ra thư mục images/."),
    "utf16": ("Tệp được lưu bằng mã UTF-16.", "File is UTF-16 encoded.",
              "Lưu lại tệp với mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)."),
    "not-utf8": ("Tệp có ký tự không phải UTF-8.", "File is not valid UTF-8.",
                 "Lưu lại tệp với mã UTF-8; kiểm tra ký tự ở vị trí được chỉ ra."),
    "nul-byte": ("Tệp chứa ký tự NUL (tệp nhị phân?).", "File contains a NUL byte.",
                 "Hồ sơ phải là tệp văn bản YAML; hãy tạo lại tệp từ mẫu."),
    "empty-file": ("Tệp rỗng.", "File is empty.",
                   "Điền hồ sơ theo mẫu (lệnh: goldenbook new) hoặc xóa tệp."),
    "not-a-mapping": ("Hồ sơ phải là danh sách các trường dạng «tên: giá trị».", "A record must be a mapping.",
                      "Mỗi dòng đầu tiên có dạng «title: ...», «province: ...»; không bắt đầu bằng «- »."),
    "many-documents": ("Tệp chứa nhiều hơn một hồ sơ (có dấu ---).", "File holds more than one YAML document.",
                       "Mỗi hồ sơ một tệp: tách phần sau dấu --- sang tệp mới."),
    "yaml-syntax": ("Lỗi cú pháp YAML: {detail}.", "YAML syntax error: {detail_en}.",
                    "Kiểm tra thụt lề (dùng dấu cách), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở đủ cặp."),
    "tab-indent": ("Dùng phím Tab để thụt lề.", "Tab used for indentation.",
                   "YAML chỉ chấp nhận dấu cách: thay mỗi Tab bằng 2 dấu cách."),
    "duplicate-key": ("Trường «{key}» xuất hiện hai lần (lần đầu ở dòng {first_line}).", "Duplicate key.",
                      "Giữ một lần duy nhất; gộp nội dung hai chỗ lại."),
    "key-not-text": ("Tên trường {key} không phải là chữ.", "Key is not text.",
                     "Tên trường là chữ thường không dấu, ví dụ «title», «year»."),
    "yaml-alias": ("Không dùng neo/bí danh YAML (& và *).", "YAML anchors and aliases are not allowed.",
                   "Viết đầy đủ giá trị tại mỗi chỗ cần dùng."),
    "yaml-merge": ("Không dùng khóa gộp YAML «<<».", "YAML merge keys are not allowed.",
                   "Viết đầy đủ các trường."),
    "yaml-tag": ("Không dùng thẻ YAML {tag}.", "YAML tags are not allowed.",
                 "Bỏ phần bắt đầu bằng «!» trước giá trị."),
    "too-deep": ("Hồ sơ lồng quá sâu (quá {limit} cấp).", "Nesting too deep.",
                 "Kiểm tra thụt lề; hồ sơ chỉ có tối đa ba cấp."),
    "invisible-char": ("Có ký tự ẩn {char} ({name}).", "Invisible control or formatting character.",
                       "Xóa ký tự này (thường lẫn vào khi dán từ Word hoặc trang web). Ký tự ẩn làm chữ hiển thị "
                       "khác với nội dung thật (ký tự đảo chiều như U+202E) hoặc làm hỏng tìm kiếm và phát hiện trùng "
                       "lặp, nên không được dùng."),
    "number-too-long": ("Số quá dài ({digits} chữ số, tối đa {limit}).", "Number too long.",
                        "Kiểm tra lại giá trị; nếu là mã số hay số hiệu, đặt trong dấu ngoặc kép."),
    "too-many-nodes": ("Hồ sơ có quá nhiều giá trị (hơn {limit}).", "Too many values.",
                       "Kiểm tra tệp có bị dán nhầm nội dung lớn không."),
    # Files
    "not-a-record": ("Tệp «{name}» không phải hồ sơ (hồ sơ phải có đuôi .yml).", "Not a record file.",
                     "{fix}"),
    "symlink": ("Tệp «{name}» là liên kết (symlink), không phải tệp hồ sơ thật.", "Symbolic links are not accepted.",
                "Chép nội dung hồ sơ vào một tệp .yml thật (mỗi hồ sơ một tệp). Liên kết có thể trỏ ra ngoài kho "
                "và người duyệt pull request không thấy được nội dung của nó."),
    "filename-slug": ("Tên tệp «{name}» không khớp với tiêu đề (cần là «{slug}.yml»).", "File name does not match the slug.",
                      "Đổi tên tệp thành «{slug}.yml» (lệnh goldenbook fmt làm việc này)."),
    "duplicate-slug": ("Đường dẫn «{slug}» đã được dùng bởi {other}.", "Slug used twice.",
                       "Hai hồ sơ không được trùng tiêu đề; nếu thật sự khác nhau, thêm tên tỉnh hoặc năm vào tên tệp: «{slug}-{suffix}.yml»."),
    "duplicate-record": ("Hồ sơ có vẻ trùng với {other} (cùng tiêu đề và cùng tỉnh).", "Looks like a duplicate record.",
                         "Nếu là cùng một sáng kiến, giữ một hồ sơ và xóa hồ sơ kia."),
    "records-folder-link": ("Thư mục hồ sơ {folder}/ là một liên kết (symlink) tới «{target}», không phải thư mục "
                            "thật.", "The records folder is a symbolic link.",
                            "Thay liên kết bằng thư mục {folder}/ thật trong kho, chứa các tệp hồ sơ .yml. Liên kết "
                            "không được theo: trang sẽ không có hồ sơ nào."),
    "records-folder-missing": ("Không có thư mục hồ sơ {folder}/ trong kho{found}.", "The records folder is missing.",
                               "Tạo thư mục {folder}/ và đặt các tệp hồ sơ .yml vào đó. Nếu đây là bản cài mới chưa "
                               "có hồ sơ, chạy với «--allow-empty» (hoặc biến môi trường {env}=1)."),
    "records-folder-empty": ("Thư mục hồ sơ {folder}/ không có hồ sơ nào ({found}).", "The records folder holds no "
                             "records.", "Kiểm tra xem các tệp hồ sơ có bị xóa hay chuyển chỗ nhầm không. Nếu đây là "
                             "bản cài mới chưa có hồ sơ, chạy với «--allow-empty» (hoặc biến môi trường {env}=1)."),
    "similar-title": ("Tiêu đề «{title}» trông giống hệt «{other_title}» của {other} nhưng là chữ khác (có ký tự "
                      "của hệ chữ khác trông như chữ Latin).", "Title looks the same as another record's title.",
                      "Gõ lại tiêu đề bằng bàn phím tiếng Việt. Nếu là cùng một sáng kiến, giữ một hồ sơ và xóa hồ "
                      "sơ kia."),
    # Fields
    "missing": ("Thiếu trường bắt buộc «{field}».", "Required field missing.",
                "Thêm dòng «{field}: …» ({meaning}){place}."),
    "unknown-field": ("Trường «{field}» không có trong mẫu hồ sơ.", "Unknown field.", "{fix}"),
    "wrong-type": ("Giá trị phải là {expected}, nhưng đang là {found}.", "Wrong type.", "{fix}"),
    "not-in-vocabulary": ("Giá trị «{value}» không hợp lệ.", "Value not in the vocabulary.", "{fix}"),
    "too-long": ("Quá dài: {length} ký tự (tối đa {limit}).", "Too long.", "Rút gọn còn tối đa {limit} ký tự."),
    "too-short": ("Không được để trống.", "Must not be empty.", "Điền nội dung cho trường này hoặc xóa dòng."),
    "out-of-range": ("Giá trị {value} nằm ngoài khoảng cho phép ({low} … {high}).", "Out of range.",
                     "Nhập một số từ {low} đến {high}."),
    "bad-date": ("Ngày «{value}» không hợp lệ.", "Invalid date.",
                 "Viết ngày dạng «2024-08-22» hoặc «22/08/2024» (đặt trong dấu ngoặc kép)."),
    "bad-slug": ("«{value}» không phải là mã hợp lệ.", "Not a valid slug.",
                 "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ «{suggestion}»."),
    "bad-url": ("Địa chỉ «{value}» không hợp lệ: chỉ chấp nhận http:// hoặc https://.", "Only http(s) URLs are allowed.",
                "Dán đầy đủ địa chỉ bài viết, bắt đầu bằng https://."),
    "bad-author": ("Tác giả phải có «name» (người) hoặc «collective» (mã tập thể), không cả hai.", "Invalid author.",
                   "Ví dụ: «- name: Nguyễn Văn A» hoặc «- collective: hoi-nong-dan-xa-a»."),
    "one-paragraph": ("Tóm tắt chỉ gồm một đoạn văn.", "Summary must be one paragraph.",
                      "Bỏ dòng trống trong phần tóm tắt; đưa nội dung chi tiết vào «body»."),
    "empty-list": ("Danh sách không được để trống.", "List must not be empty.", "Thêm ít nhất một mục."),
    "invalid": ("Giá trị không hợp lệ: {detail}.", "Invalid value.", "Xem hướng dẫn biên tập cho trường này."),
    # Meaning
    "province-unknown": ("Không nhận ra tỉnh, thành «{value}».", "Unknown province.", "{fix}"),
    "province-ceased": ("{detail}", "Province no longer exists under this name.", "{fix}"),
    "province-lookalike": ("Tên tỉnh, thành «{value}» có chữ {letters}: hai chữ trông giống nhau nhưng là hai ký tự "
                           "khác.", "A letter of the province name only looks like Đ/đ.", "{fix}"),
    "province-ambiguous": ("«{value}» có thể là {choices}.", "Ambiguous province abbreviation.",
                           "Ghi tên đầy đủ của tỉnh, thành, ví dụ «province: {first}»."),
    "year-range": ("Năm {value} nằm ngoài khoảng {low} … {high}.", "Year out of range.",
                   "Ghi năm được công nhận hoặc đề cử, từ {low} đến {high}."),
    "edition-missing": ("Hồ sơ «published» phải có «edition» (năm ấn phẩm Sách vàng).", "Published record needs an edition.",
                        "Thêm dòng «edition: {year}» hoặc đổi trạng thái."),
    "edition-before-year": ("Ấn phẩm {edition} sớm hơn năm công nhận {year}.", "Edition precedes the year.",
                            "Kiểm tra lại «year» và «edition»."),
    "shares-over-100": ("Tổng tỷ lệ đóng góp của các tác giả là {total}% (tối đa 100%).", "Author shares exceed 100.",
                        "Sửa «share» của các tác giả sao cho tổng không quá 100."),
    "unknown-collective": ("Không có hồ sơ tập thể «{value}».", "No collective record with that slug.", "{fix}"),
    "unknown-initiative": ("Không có hồ sơ sáng kiến «{value}».", "No initiative record with that slug.", "{fix}"),
    "not-a-collective": ("«{value}» là một sáng kiến, không phải tập thể.", "Reference is not a collective.",
                         "Tác giả dạng «collective» phải trỏ tới hồ sơ tập thể (kind: collective)."),
    "image-outside": ("Ảnh «{value}» nằm ngoài thư mục ảnh {folder}/.", "Image path leaves the image folder.",
                      "Ghi đường dẫn tính từ thư mục {folder}/, ví dụ «quang-nam/anh.jpg»; không dùng «..» hay «/» ở đầu."),
    "image-url": ("Ảnh «{value}» là một địa chỉ bên ngoài; trang không tải ảnh từ nơi khác.",
                  "External image URLs are not allowed (nothing is fetched at build time).",
                  "Tải ảnh về, chép vào thư mục {folder}/ (ghi nguồn ở «credit») rồi ghi đường dẫn tính từ đó, "
                  "ví dụ «quang-nam/anh.jpg»."),
    "image-path": ("Đường dẫn ảnh «{value}» viết không đúng dạng: {detail}.", "Image path is not in plain form.",
                   "Ghi đường dẫn tính từ thư mục {folder}/, dùng dấu «/» và tên tệp như trong thư mục, không mã hóa "
                   "«%», ví dụ «quang-nam/anh.jpg»."),
    "image-missing": ("Không tìm thấy ảnh «{value}» trong thư mục {folder}/.", "Image file not found.", "{fix}"),
    "image-type": ("Ảnh «{value}» không phải định dạng được hỗ trợ ({allowed}).", "Unsupported image type.",
                   "Dùng ảnh JPG, PNG hoặc WebP."),
    "image-too-big": ("Ảnh «{value}» quá lớn: {size} MB (tối đa {limit} MB).", "Image file too large.",
                      "Thu nhỏ ảnh trước khi chép vào {folder}/: xuất lại ở cạnh dài khoảng 3000 điểm ảnh, JPG chất "
                      "lượng 85 (ảnh như vậy chỉ vài MB)."),
    "image-too-many-pixels": ("Ảnh «{value}» có {width}×{height} = {pixels} điểm ảnh, vượt giới hạn (tối đa {limit} "
                              "điểm ảnh, mỗi cạnh tối đa {side}).",
                              "Image has too many pixels (possible decompression bomb).",
                              "Thu nhỏ ảnh trước khi chép vào {folder}/: xuất lại ở cạnh dài khoảng 3000 điểm ảnh. "
                              "Ảnh lớn hơn không rõ hơn trên trang mà làm chậm máy người xem."),
    "image-wrong-format": ("Tệp «{value}» không phải ảnh {expected} như đuôi tên tệp cho biết (nội dung: {found}).",
                           "File is not the image format its extension says.",
                           "Mở ảnh bằng trình sửa ảnh và xuất lại thành JPG, PNG hoặc WebP, rồi đặt đuôi tên tệp "
                           "khớp với định dạng (.jpg, .png, .webp); không đổi tên đuôi một tệp khác."),
    "image-unreadable": ("Không đọc được ảnh «{value}»: {detail}.", "Image cannot be decoded.",
                         "Mở ảnh trên máy để kiểm tra; nếu tệp bị hỏng hoặc tải lên chưa hết, xuất lại ảnh (JPG, PNG "
                         "hoặc WebP) rồi chép đè vào {folder}/."),
    # The checkout (goldenbook.checkout)
    "committed-generated": ("Kho đang theo dõi tệp «{name}» ({why}): loại tệp không bao giờ được đưa vào kho.",
                            "The repository tracks a file that must never be committed ({why_en}).",
                            "Bộ nhớ đệm, mã đã biên dịch (.pyc, __pycache__), trang đã dựng (site/) và liên kết do "
                            "máy tạo ra; đưa chúng vào một pull request có thể nhằm chạy mã trên máy người dựng. Nếu "
                            "đây là pull request của người khác, đừng dựng nó và báo cho người quản trị. Nếu là của "
                            "bạn: «git rm -r --cached {name}» rồi commit lại."),
    "edition-range": ("Ấn phẩm {value} nằm ngoài khoảng cho phép ({low} … {high}).", "Edition out of range.", "{fix}"),
    "title-slug": ("Tiêu đề «{value}» không tạo được đường dẫn (slug) cho trang: không có chữ cái hay chữ số nào.",
                   "The title gives an empty web address (slug).",
                   "Viết tiêu đề bằng chữ, có thể có dấu, ví dụ «Vườn ươm nông thôn mới» (đường dẫn: "
                   "vuon-uom-nong-thon-moi), rồi đặt tên tệp theo đường dẫn đó: «vuon-uom-nong-thon-moi.yml»."),
    "mixed-script": ("Từ «{word}» trộn chữ {script} «{char}» ({codepoint} {name}) với chữ {main}.",
                     "Word mixes letters of two scripts (a look-alike character).",
                     "Gõ lại từ này bằng bàn phím tiếng Việt: chữ «{char}» thuộc hệ chữ {script}, trông giống "
                     "chữ thường dùng nhưng là ký tự khác, nên tìm kiếm và phát hiện trùng lặp không nhận ra từ. "
                     "Thường lẫn vào khi dán từ tài liệu khác."),
    "lookalike-word": ("Từ «{word}» viết bằng chữ {script} ({codepoints}) nhưng trông như chữ Latin «{latin}».",
                       "Word in another script that looks like a Latin word.",
                       "Gõ lại từ này bằng bàn phím tiếng Việt («{latin}»); nếu thật sự là chữ {script}, hãy viết "
                       "cả câu bằng hệ chữ đó hoặc ghi chú bằng tiếng Việt."),
    "date-range": ("{what} {value} nằm ngoài khoảng cho phép ({low} … {high}).", "Date out of range.",
                   "Ghi đúng ngày, năm đã xảy ra: không trước {low} và không sau ngày tạo trang ({today}); "
                   "kiểm tra lỗi gõ, ví dụ 2042 thay cho 2024."),
    # Markdown budgets (goldenbook.markdown_budget)
    "markdown-too-deep": ("Nội dung lồng nhau quá sâu: ít nhất {depth} cấp (tối đa {limit}), ở dòng {text_line} của trường "
                          "({quotes} trích dẫn «>», {lists} danh sách, {inline} định dạng chữ hay liên kết lồng vào "
                          "nhau).", "Markdown nested too deeply.",
                          "Viết phẳng lại: bớt các dấu «>» liền nhau (trích dẫn trong trích dẫn), danh sách lồng trong "
                          "danh sách, chữ đậm, nghiêng, gạch ngang lồng vào nhau. Một hồ sơ hiếm khi cần quá ba cấp."),
    "markdown-too-many-elements": ("Nội dung có quá nhiều thành phần khi hiển thị: {count} (tối đa {limit}).",
                                   "Markdown renders to too many elements.",
                                   "Rút gọn bảng hoặc danh sách quá dài (mỗi ô, mỗi mục là một thành phần); kiểm tra "
                                   "xem có dòng nào chứa quá nhiều dấu «|» không."),
    "markdown-delimiters": ("Nội dung có quá nhiều ký hiệu định dạng {chars}: {count} (tối đa {limit}).",
                            "Too many Markdown delimiters.",
                            "Các ký hiệu * _ ~ dùng để in đậm, in nghiêng, gạch ngang, [ để làm liên kết, & để viết "
                            "ký tự đặc biệt; xóa những ký hiệu thừa (thường lẫn vào khi dán từ nơi khác), "
                            "viết «và» thay cho «&»."),
    # Spreadsheets: nomination lists and council sheets (goldenbook.sheets)
    "sheet-unreadable": ("Không đọc được tệp bảng tính: {detail}.", "The spreadsheet cannot be read.",
                         "Mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng «Sổ làm việc Excel (.xlsx)» hoặc "
                         "CSV UTF-8."),
    "sheet-too-large": ("Tệp bảng tính quá lớn ({size} byte, tối đa {limit}).", "Spreadsheet file too large.",
                        "Một danh sách đề cử chỉ gồm chữ; xóa ảnh, biểu đồ và các trang tính không cần rồi lưu lại."),
    "sheet-zip-bomb": ("Tệp bảng tính bị từ chối: nội dung nén bất thường ({detail}).",
                       "Spreadsheet refused: abnormal compression (zip bomb?).",
                       "Tệp này không phải bảng tính thông thường. Mở bằng Excel, chép phần danh sách sang sổ làm "
                       "việc mới rồi lưu lại dạng .xlsx."),
    "sheet-macros": ("Tệp bảng tính có macro (VBA); không nhận tệp có macro.", "Spreadsheets with macros are refused.",
                     "Lưu lại dạng «Sổ làm việc Excel (.xlsx)», không chọn «có macro» (.xlsm)."),
    "sheet-external-links": ("Tệp bảng tính có liên kết tới sổ làm việc khác.", "Links to other workbooks are refused.",
                             "Trong Excel: Dữ liệu → Sửa liên kết → Ngắt liên kết (giữ giá trị), rồi lưu lại."),
    "sheet-shared-strings": ("Bảng chữ dùng chung của tệp quá lớn ({size} byte, tối đa {limit}).",
                             "Shared strings table too large.",
                             "Tệp có khối lượng chữ bất thường; chép phần danh sách sang sổ làm việc mới rồi lưu lại."),
    "sheet-too-many": ("Trang tính quá lớn: {rows} hàng, {columns} cột (tối đa {max_rows} hàng, {max_columns} cột).",
                       "Sheet has too many rows or columns.",
                       "Xóa các hàng, cột thừa ở cuối trang tính (chọn rồi Xóa), hoặc chia danh sách thành nhiều tệp."),
    "sheet-not-found": ("Không có trang tính «{sheet}».", "No such sheet.",
                        "Các trang tính trong tệp: {sheets}. Ghi đúng tên sau --sheet."),
    "sheet-no-header": ("Không tìm thấy hàng tiêu đề cột trong {rows} hàng đầu.", "No header row found.",
                        "Hàng tiêu đề cần ít nhất hai cột quen thuộc, ví dụ «Tên sáng kiến», «Tỉnh/thành», «Lĩnh vực», "
                        "«Tác giả»; hoặc dùng --map để chỉ rõ từng cột."),
    "sheet-unknown-column": ("Cột «{header}» không rõ nội dung: chưa nhập cột này.", "Unknown column.",
                             "Đổi tên cột theo mẫu danh sách đề cử, hoặc ghi trong tệp --map dòng "
                             "«{header}: tên-trường» (ví dụ title, province, authors) hay «{header}: -» để bỏ qua."),
    "sheet-column-twice": ("Cột «{header}» trùng nội dung với cột «{other}» ({meaning}).", "Two columns hold the same field.",
                           "Giữ một cột; hoặc ghi trong tệp --map «{header}: -» để bỏ qua cột này."),
    "sheet-column-missing": ("Danh sách thiếu cột {meaning}.", "A required column is missing.", "{fix}"),
    "sheet-formula-no-value": ("Ô có công thức nhưng chưa có giá trị đã tính.", "Formula cell without a computed value.",
                               "Mở tệp bằng Excel hoặc LibreOffice để tính công thức rồi lưu lại (hoặc chép và dán "
                               "giá trị)."),
    "sheet-bad-value": ("{detail}", "Value cannot be used.", "{fix}"),
    "sheet-record": ("{detail}", "The record this row makes is invalid.", "{fix}"),
    "sheet-duplicate": ("Hàng này trùng với hồ sơ {other} ({why}): không ghi đè.", "Row duplicates a record.",
                        "Nếu là cùng một sáng kiến, bỏ hàng này hoặc chạy lại với --update để cập nhật hồ sơ đó; nếu là "
                        "sáng kiến khác cùng tên, đổi tên cho rõ."),
    "sheet-duplicate-row": ("Hàng này trùng với hàng {other} của danh sách ({why}).", "Row repeats another row.",
                            "Xóa một trong hai hàng, hoặc đổi tên cho rõ nếu là hai sáng kiến khác nhau."),
    "sheet-hidden-rows": ("Các hàng đang ẩn không được nhập: {rows}.", "Hidden rows are not imported.",
                          "Nếu cần nhập các hàng này, bỏ ẩn (chọn các hàng → Bỏ ẩn) rồi chạy lại."),
    "scores-column-missing": ("Bảng chấm điểm thiếu cột {meaning}.", "Council sheet column missing.",
                              "Dùng bảng xuất bằng lệnh «goldenbook export»; không xóa hay đổi tên cột."),
    "scores-unknown-record": ("Không có hồ sơ «{slug}» trong kho.", "No record with that slug.",
                              "Hồ sơ đã đổi tên hoặc bị xóa sau khi xuất bảng; xuất lại bảng chấm điểm."),
    "scores-conflict": ("Hồ sơ «{slug}» đã thay đổi sau khi xuất bảng chấm điểm: không ghi đè.",
                        "The record changed since the sheet was exported.",
                        "Xuất lại bảng («goldenbook export»), chép điểm và kết luận sang rồi nhập lại; hoặc ghi tay vào "
                        "tệp {record}."),
    "scores-bad-value": ("{detail}", "Council value cannot be used.", "{fix}"),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at one place."""

    file: str
    line: int
    column: int
    code: str
    path: str
    message: str
    message_en: str
    hint: str
    severity: Severity = "error"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "…"


#: Longest echo of an editor's value in a message (a 900 KB title is not repeated back).
ECHO_LIMIT = 120
_UNPRINTABLE = re.compile(f"[\\t\\n]|{INVISIBLE.pattern}|{FILLERS.pattern}")


def printable(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` safe to echo in a terminal or a pull request: shortened, invisible characters spelt out."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _param(name: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    if name == "fix":  # the validator's own hint: may hold line breaks on purpose
        return value if len(value) <= 20 * ECHO_LIMIT else value[:20 * ECHO_LIMIT] + "…"
    return printable(value, 4 * ECHO_LIMIT if name == "detail" else ECHO_LIMIT)  # detail: the validator's sentence


def make(code: str, file: str, line: int, column: int, path: str = "", severity: Severity = "error",
         **params: object) -> Diagnostic:
    """Build a diagnostic from the catalogue; unknown parameters print as «…»."""
    vi, en, hint = MESSAGES[code]
    values = _Blank({k: _param(k, v) for k, v in params.items()})
    return Diagnostic(file, line, column, code, path, vi.format_map(values), en.format_map(values),
                      hint.format_map(values), severity)


def catalogue() -> list[tuple[str, str, str, str]]:
    """Every message as (code, Vietnamese, English, hint), parameters shown as «…»."""
    blank = _Blank()
    return [(code, vi.format_map(blank), en.format_map(blank), hint.format_map(blank))
            for code, (vi, en, hint) in MESSAGES.items()]


def path_text(path: Iterable[str | int]) -> str:
    """``("authors", 0, "share")`` → ``authors[0].share``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_LABEL = {"error": "lỗi", "warning": "cảnh báo"}


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        where = f" {d.path}:" if d.path else ""
        lines.append(f"{d.file}:{d.line}:{d.column}: {_LABEL[d.severity]} [{d.code}]{where} {d.message} ({d.message_en})")
        if d.hint:
            lines.append(f"    → {d.hint}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands: the pull request shows each on its line."""
    lines = []
    for d in diagnostics:
        title = _escape_property(f"{d.code}{' ' + d.path if d.path else ''}")
        body = _escape_data(f"{d.message} ({d.message_en})\n→ {d.hint}")
        lines.append(f"::{d.severity} file={_escape_property(d.file)},line={d.line},col={d.column},title={title}::{body}")
    return "\n".join(lines)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
