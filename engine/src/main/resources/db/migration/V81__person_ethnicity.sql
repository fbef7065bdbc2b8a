-- 民族: one of the 56 recognised groups (cn.xianfeng.org.Ethnicity, stored by its constant as status is); optional,
-- as the ID number is. Pages, API labels and documents print its name in the reader's language (汉族 / Han).
alter table person add column ethnicity varchar(16);
alter table person add constraint person_ethnicity_known check (ethnicity is null or ethnicity in (
    'HAN', 'MONGOL', 'HUI', 'TIBETAN', 'UYGHUR', 'MIAO', 'YI', 'ZHUANG', 'BUYEI', 'KOREAN',
    'MANCHU', 'DONG', 'YAO', 'BAI', 'TUJIA', 'HANI', 'KAZAKH', 'DAI', 'LI', 'LISU',
    'VA', 'SHE', 'GAOSHAN', 'LAHU', 'SUI', 'DONGXIANG', 'NAXI', 'JINGPO', 'KYRGYZ', 'TU',
    'DAUR', 'MULAO', 'QIANG', 'BLANG', 'SALAR', 'MAONAN', 'GELAO', 'XIBE', 'ACHANG', 'PUMI',
    'TAJIK', 'NU', 'UZBEK', 'RUSSIAN', 'EVENKI', 'DEANG', 'BONAN', 'YUGUR', 'GIN', 'TATAR',
    'DERUNG', 'OROQEN', 'HEZHEN', 'MONBA', 'LHOBA', 'JINO'));
