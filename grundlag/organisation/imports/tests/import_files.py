"""Small organisation files for the import tests."""

import datetime
import io

HEADER = (
    "unit_id,unit_name,parent_unit_id,person_id,name,email,title,level,manager_person_id,start_date,end_date"
)
SMALL = [
    "k,Fiktiv Kommune,,d,Dorte Direktør,dorte@fiktiv.example.dk,Direktør,direktoer,,2020-01-01,",
    "s,Skoleafdelingen,k,c,Carl Chef,carl@fiktiv.example.dk,Skolechef,Forvaltningschef,d,2021-01-01,",
    "a,Ahorn Skole,s,l,Lis Leder,lis@fiktiv.example.dk,Skoleleder,dagtilbuds-skole-og-fu-leder,c,2019-08-01,",
    "a,Ahorn Skole,s,t,Tom Lærer,tom@fiktiv.example.dk,Lærer,,l,2022-08-01,",
    "b,Birk Skole,s,,,,,,,,",
]


def csv_file(*lines: str, header: str = HEADER, delimiter: str = ",", bom: bool = False) -> bytes:
    text = "\n".join([header, *lines]) + "\n"
    if delimiter != ",":
        text = text.replace(",", delimiter)
    return (("\ufeff" if bom else "") + text).encode()


def small_csv(*extra: str, without: tuple[int, ...] = ()) -> bytes:
    return csv_file(*[line for i, line in enumerate(SMALL) if i not in without], *extra)


def xlsx_file(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def small_xlsx() -> bytes:
    rows: list[list] = [HEADER.split(",")]
    for line in SMALL:
        values: list = line.split(",")
        if values[9]:
            values[9] = datetime.date.fromisoformat(values[9]) if values[3] != "l" else values[9]
        rows.append(values)
    return xlsx_file(rows)
