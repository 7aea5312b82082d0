<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>(the log folder is not writable)</source>
        <translation>（日志文件夹无法写入）</translation>
    </message>
    <message>
        <source>Clientele hit an unexpected problem. Your data is safe and you can keep working. If it happens again, please send us the details below.</source>
        <translation>Clientele 遇到了一个意外问题。您的数据是安全的，可以继续使用。如果再次发生，请把下面的详细信息发给我们。</translation>
    </message>
    <message>
        <source>Details were saved to: %1</source>
        <translation>详细信息已保存到：%1</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>平均客单价</translation>
    </message>
    <message>
        <source>First purchase</source>
        <translation>首次购买</translation>
    </message>
    <message>
        <source>Different products bought</source>
        <translation>购买过的商品种类</translation>
    </message>
    <message>
        <source>Favourite product</source>
        <translation>最常购买商品</translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation>最常购买类别</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Days since first purchase</source>
        <translation>距首次购买天数</translation>
    </message>
    <message>
        <source>Chance they still buy from you</source>
        <translation>仍会在您这里购买的概率</translation>
    </message>
    <message>
        <source>Chance of no purchase in the next 90 days</source>
        <translation>未来 90 天内不再购买的概率</translation>
    </message>
    <message>
        <source>Expected purchases next year</source>
        <translation>未来一年预计购买次数</translation>
    </message>
    <message>
        <source>Likely to buy again by</source>
        <translation>预计下次购买日期</translation>
    </message>
    <message>
        <source>Expected orders next year</source>
        <translation>未来一年预计订单数</translation>
    </message>
    <message>
        <source>Expected spend next year</source>
        <translation>未来一年预计消费</translation>
    </message>
    <message>
        <source>Expected lifetime value</source>
        <translation>预计客户终身价值</translation>
    </message>
    <message>
        <source>Suggested products</source>
        <translation>推荐商品</translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>their group</source>
        <translation>客户所在分组</translation>
    </message>
    <message>
        <source>a product for them</source>
        <translation>为客户推荐的商品</translation>
    </message>
    <message>
        <source>days since they last bought</source>
        <translation>距上次购买的天数</translation>
    </message>
    <message>
        <source>Export a marketing list</source>
        <translation>导出营销名单</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Customers in these groups:</source>
        <translation>以下分组中的客户：</translation>
    </message>
    <message numerus="yes">
        <source>The customers you selected (%n)</source>
        <translation>
            <numerusform>您选中的客户（%n 位）</numerusform>
        </translation>
    </message>
    <message>
        <source>How likely no purchase in 90 days</source>
        <translation>90 天内不购买的可能性</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>CSV file (.csv)</source>
        <translation>CSV 文件（.csv）</translation>
    </message>
    <message>
        <source>One sheet per group as well</source>
        <translation>另外每个分组一个工作表</translation>
    </message>
    <message>
        <source>Open the folder afterwards</source>
        <translation>完成后打开所在文件夹</translation>
    </message>
    <message>
        <source>This computer has no file manager to show the folder in; the status bar says where the list was saved.</source>
        <translation>这台电脑没有可以显示文件夹的文件管理器；名单保存的位置会显示在状态栏中。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Only customers who… (0 means any)</source>
        <translation>仅包括以下客户（0 表示不限）</translation>
    </message>
    <message>
        <source>spent at least</source>
        <translation>累计消费至少</translation>
    </message>
    <message>
        <source>ordered at least (times)</source>
        <translation>下单至少（次）</translation>
    </message>
    <message>
        <source>bought in the last</source>
        <translation>最近购买于</translation>
    </message>
    <message>
        <source> days</source>
        <comment>a length of time, after &apos;at least&apos;</comment>
        <translation> 天</translation>
    </message>
    <message>
        <source>have not bought for at least</source>
        <translation>已有多久未购买（至少）</translation>
    </message>
    <message>
        <source>Every list has the customer ID, name, phone, email, city, group, spend, orders, last purchase, a suggested action and the personal message.</source>
        <translation>每份名单都包含客户编号、姓名、电话、邮箱、城市、分组、消费额、订单数、最近购买日期、建议行动和个性化信息。</translation>
    </message>
    <message>
        <source>Predictions and suggested products can be added once they have been worked out.</source>
        <translation>预测和推荐商品计算完成后即可加入名单。</translation>
    </message>
    <message>
        <source>Privacy (for sharing the list)</source>
        <translation>隐私（用于分享名单）</translation>
    </message>
    <message>
        <source>Replace customer IDs with codes that cannot be traced back</source>
        <translation>用无法追溯的代码替换客户编号</translation>
    </message>
    <message>
        <source>Hide most of each phone number, email and name</source>
        <translation>隐藏电话、邮箱和姓名的大部分内容</translation>
    </message>
    <message>
        <source>Message for</source>
        <translation>信息对象</translation>
    </message>
    <message>
        <source>Any other group</source>
        <translation>其他分组</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <source>Use the ready text</source>
        <translation>恢复默认文字</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Keep some customers aside to measure whether the campaign works:</source>
        <translation>留出部分客户作为对照组，以衡量活动效果：</translation>
    </message>
    <message>
        <source>They are picked at random in each group and left out of the list. Later, open newer sales data and compare them with the customers you contacted under Campaigns.</source>
        <translation>他们在每个分组中随机选出，不会出现在名单里。之后打开更新的销售数据，在“营销活动”中将他们与您联系过的客户进行比较。</translation>
    </message>
    <message>
        <source>e.g. Spring tea week</source>
        <translation>例如：春茶周</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>e.g. 10% off any tea until 30 April</source>
        <translation>例如：4 月 30 日前所有茶叶九折</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>优惠内容</translation>
    </message>
    <message>
        <source>Cost per customer contacted</source>
        <translation>每位联系客户的成本</translation>
    </message>
    <message numerus="yes">
        <source>%n customers will be in the list.</source>
        <translation>
            <numerusform>名单中将有 %n 位客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %n more are kept aside as the control group.</source>
        <translation>
            <numerusform>另有约 %n 位客户留作对照组。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exists: replace it (and its campaign record)</source>
        <translation>%1 已存在：替换它（以及它的营销活动记录）</translation>
    </message>
    <message>
        <source>%1 is not known and will stay as written in the messages; use %2.</source>
        <translation>%1 无法识别，会按原样出现在信息中；请使用 %2。</translation>
    </message>
    <message>
        <source>Message of the first customer in the list (%1):</source>
        <translation>名单中第一位客户（%1）将收到的消息：</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <source>Save the marketing list</source>
        <translation>保存营销名单</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>从 %1 到 %2。</translation>
    </message>
    <message>
        <source>Of the %1 customers you contacted, %2 bought something (%3).</source>
        <translation>在您联系的 %1 位客户中，有 %2 位购买了商品（%3）。</translation>
    </message>
    <message>
        <source>Of the %1 you kept aside, %2 did (%3).</source>
        <translation>在留作对照组的 %1 位客户中，有 %2 位购买（%3）。</translation>
    </message>
    <message>
        <source>Contacting them changed the share who bought by %1 percentage points (95% range %2 to %3).</source>
        <translation>联系客户使购买比例变化了 %1 个百分点（95% 区间：%2 至 %3）。</translation>
    </message>
    <message>
        <source>More of the contacted customers bought, and this is unlikely to be chance.</source>
        <translation>被联系的客户购买得更多，这不太可能是偶然。</translation>
    </message>
    <message>
        <source>Fewer of the contacted customers bought, and this is unlikely to be chance.</source>
        <translation>被联系的客户购买得更少，这不太可能是偶然。</translation>
    </message>
    <message>
        <source>The difference could be chance: the range includes no difference at all.</source>
        <translation>这个差异可能是偶然的：区间包含“没有差异”。</translation>
    </message>
    <message>
        <source>Per customer, the contacted group spent %1 compared with the control group (95% range %2 to %3).</source>
        <translation>与对照组相比，被联系的客户人均消费 %1（95% 区间：%2 至 %3）。</translation>
    </message>
    <message>
        <source>Sales the campaign brought: about %1. After its cost of %2, the return is %3 (95% range %4 to %5).</source>
        <translation>活动带来的销售额：约 %1。扣除 %2 的成本后，回报为 %3（95% 区间：%4 至 %5）。</translation>
    </message>
    <message>
        <source>Offer: %1</source>
        <translation>优惠内容：%1</translation>
    </message>
    <message>
        <source>Customers who bought</source>
        <translation>购买的客户数</translation>
    </message>
    <message>
        <source>Share who bought</source>
        <translation>购买比例</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Spend per customer</source>
        <translation>人均消费</translation>
    </message>
    <message>
        <source>Sales the campaign brought</source>
        <translation>活动带来的销售额</translation>
    </message>
    <message>
        <source>Cost of the campaign</source>
        <translation>活动成本</translation>
    </message>
    <message>
        <source>Return after the cost</source>
        <translation>扣除成本后的回报</translation>
    </message>
    <message>
        <source>Save the campaign results</source>
        <translation>保存活动结果</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Sales files</source>
        <translation>销售文件</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message numerus="yes">
        <source>Open %n files</source>
        <translation>
            <numerusform>打开 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Optional: a list of your customers (names, phones) to add</source>
        <translation>可选：添加您的客户名单（姓名、电话）</translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation>客户名单</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>正在读取前几行…</translation>
    </message>
    <message>
        <source>Which column holds what</source>
        <translation>每一列的含义</translation>
    </message>
    <message>
        <source>Clientele guessed these from the column names and contents. Change any that are wrong; customer, date and amount (or quantity and price) are needed.</source>
        <translation>Clientele 根据列名和内容做了推测。如有不对请修改；客户、日期和金额（或数量和单价）是必需的。</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>载入</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>This file could not be read (%1).</source>
        <translation>无法读取此文件（%1）。</translation>
    </message>
    <message>
        <source>All sheets with the same columns, combined</source>
        <translation>合并所有列相同的工作表</translation>
    </message>
    <message>
        <source>(several files)</source>
        <translation>（多个文件）</translation>
    </message>
    <message>
        <source>(a text file has no sheets)</source>
        <translation>（文本文件没有工作表）</translation>
    </message>
    <message numerus="yes">
        <source>First %n rows of the file.</source>
        <translation>
            <numerusform>文件的前 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Column in your file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>How sure</source>
        <translation>把握程度</translation>
    </message>
    <message>
        <source>— not in this file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message numerus="yes">
        <source>%n files with the same columns, read as one</source>
        <translation>
            <numerusform>%n 个列相同的文件，合并为一个读取</numerusform>
        </translation>
    </message>
    <message>
        <source>Files with different columns, each read on its own and put together</source>
        <translation>列不同的文件，分别识别后合并在一起</translation>
    </message>
    <message>
        <source>An export of orders, order lines and customers, joined on the ids they share</source>
        <translation>订单、订单明细和客户的导出文件，按共同的编号关联</translation>
    </message>
    <message>
        <source>Files joined on the ids they share, and put together</source>
        <translation>按共同的编号关联并合并在一起的文件</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>由您选择</translation>
    </message>
    <message>
        <source>Choose the columns with the customer, the date and the amount (or quantity and unit price).</source>
        <translation>请选择客户、日期和金额（或数量和单价）所在的列。</translation>
    </message>
    <message>
        <source>Choose your customer list</source>
        <translation>选择您的客户名单</translation>
    </message>
    <message>
        <source>Read %1 rows; used %2; set aside %3.</source>
        <translation>读取 %1 行；使用 %2 行；搁置 %3 行。</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message numerus="yes">
        <source>%n return or cancellation lines were subtracted from spend.</source>
        <translation>
            <numerusform>已从消费中扣除 %n 行退货或取消记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Set aside because</source>
        <translation>搁置原因</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Every row was used.</source>
        <translation>所有行都已使用。</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>11 named groups (Champions, At risk, …)</source>
        <translation>11 个命名分组（冠军客户、流失风险……）</translation>
    </message>
    <message>
        <source>8 classic groups of Chinese CRM software (重要价值客户 …)</source>
        <translation>国内 CRM 软件常用的 8 类分组（重要价值客户……）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Your choices: language, currency, recently opened files (their names and folders), the folders lists were exported to, message templates. No customer data.</source>
        <translation>您的选择：语言、货币、最近打开的文件（文件名和文件夹）、名单导出到的文件夹、消息模板。不含客户数据。</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Details of unexpected problems, for a bug report. They never hold a customer&apos;s name, phone number or e-mail address.</source>
        <translation>意外问题的详细信息，用于报告错误。其中绝不包含客户的姓名、电话号码或邮箱地址。</translation>
    </message>
    <message>
        <source>Autosaves</source>
        <translation>自动保存</translation>
    </message>
    <message numerus="yes">
        <source>A safety copy of the open analysis (order lines, customers&apos; names and contacts), to restore it after a crash. Removed when Clientele closes normally, and after %n day(s) in any case; protected with the project&apos;s password when it has one.</source>
        <translation>
            <numerusform>当前分析的安全副本（订单明细、客户姓名和联系方式），用于程序崩溃后恢复。Clientele 正常关闭时删除，最迟 %n 天后删除；项目设有密码时，副本也受该密码保护。</numerusform>
        </translation>
    </message>
    <message>
        <source>Session notes</source>
        <translation>会话记录</translation>
    </message>
    <message>
        <source>A note that Clientele is running, to offer the restore after a crash. No customer data.</source>
        <translation>记录 Clientele 正在运行，以便崩溃后提供恢复。不含客户数据。</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Projects you saved: the cleaned order lines, customers&apos; names and contacts, campaign records, and the record of customers you deleted. They are yours: Clientele never deletes them. A password protects them if you chose one.</source>
        <translation>您保存的项目：清理后的订单明细、客户姓名和联系方式、营销活动记录，以及已删除客户的记录。它们属于您：Clientele 从不删除它们。如果您设置了密码，项目受密码保护。</translation>
    </message>
    <message>
        <source>Exported lists</source>
        <translation>导出的名单</translation>
    </message>
    <message>
        <source>Marketing lists you exported (names, phones, e-mails unless you chose private lists) and their campaign records. They are yours: Clientele never deletes them.</source>
        <translation>您导出的营销名单（除非选择了隐私名单，否则包含姓名、电话、邮箱）及其营销活动记录。它们属于您：Clientele 从不删除它们。</translation>
    </message>
    <message>
        <source>Temporary files</source>
        <translation>临时文件</translation>
    </message>
    <message>
        <source>While an export or a save is written, a hidden temporary file beside it; removed when done, and at the next start if Clientele was stopped half-way.</source>
        <translation>导出或保存时，旁边会有一个隐藏的临时文件；完成后删除，如果 Clientele 中途被停止，则在下次启动时删除。</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Clientele works offline: it makes no network connection, and your files never leave this computer. This is everything it writes, and where.</source>
        <translation>Clientele 离线工作：它不进行任何网络连接，您的文件从不离开这台电脑。以下是它写入的全部内容及位置。</translation>
    </message>
    <message>
        <source>(wherever you choose)</source>
        <translation>（由您选择的位置）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Keep autosaves for</source>
        <translation>自动保存保留</translation>
    </message>
    <message>
        <source> days</source>
        <comment>how long autosaves are kept</comment>
        <translation> 天</translation>
    </message>
    <message>
        <source>Protect a project with a password…</source>
        <translation>为项目设置密码…</translation>
    </message>
    <message>
        <source>To delete one customer, select them and choose “Forget this customer…” in their panel. Your own spreadsheets are yours to edit: Clientele never changes them.</source>
        <translation>要删除某位客户，请选中该客户，在其面板中选择“删除此客户…”。原始表格由您自己修改：Clientele 从不更改它们。</translation>
    </message>
    <message>
        <source>The two passwords were not the same; the project was not changed.</source>
        <translation>两次输入的密码不一致；项目没有更改。</translation>
    </message>
    <message>
        <source>%1 is now protected by a password. Nothing can recover a forgotten password.</source>
        <translation>%1 现在受密码保护。忘记密码后，任何方法都无法找回。</translation>
    </message>
    <message>
        <source>The folder is %1</source>
        <translation>文件夹位于 %1</translation>
    </message>
    <message>
        <source>Remove everything in %1?</source>
        <translation>删除“%1”中的全部内容？</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) removed.</source>
        <translation>
            <numerusform>已删除 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Use the last date in the data</source>
        <translation>使用数据中的最后日期</translation>
    </message>
    <message>
        <source>Analysis date</source>
        <translation>分析日期</translation>
    </message>
    <message>
        <source>Currency symbol</source>
        <translation>货币符号</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>与电脑系统相同</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Customer groups</source>
        <translation>客户分组</translation>
    </message>
    <message>
        <source>Open the last file again when Clientele starts</source>
        <translation>启动 Clientele 时重新打开上次的文件</translation>
    </message>
    <message>
        <source>After OK, Clientele offers to show itself in the new language at once.</source>
        <translation>按“确定”后，Clientele 会询问是否立即切换到新的语言。</translation>
    </message>
    <message>
        <source>Chinese shops usually count in yuan. Use ¥ as your shop&apos;s currency?</source>
        <translation>中国店铺通常以人民币计价。要把 ¥ 设为店铺的货币吗？</translation>
    </message>
    <message>
        <source>Which currency does your shop use?</source>
        <translation>您的店铺使用哪种货币？</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>使用 %1</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>保留 %1</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>A new language is used the next time Clientele starts.</source>
        <translation>新语言将在下次启动 Clientele 时生效。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open the &amp;sample shop</source>
        <translation>打开示例店铺(&amp;S)</translation>
    </message>
    <message>
        <source>Import &amp;report…</source>
        <translation>导入报告(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Export a marketing list…</source>
        <translation>导出营销名单(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>快速入门(&amp;G)</translation>
    </message>
    <message>
        <source>What do the &amp;groups mean?</source>
        <translation>各个分组是什么意思(&amp;G)？</translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation>隐私(&amp;P)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About Clientele</source>
        <translation>关于 Clientele(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>(no files yet)</source>
        <translation>（还没有文件）</translation>
    </message>
    <message>
        <source>Open your sales files</source>
        <translation>打开您的销售文件</translation>
    </message>
    <message>
        <source>Open a folder of sales files</source>
        <translation>打开存放销售文件的文件夹</translation>
    </message>
    <message>
        <source>%1 is no longer there; it may have been moved or deleted.</source>
        <translation>找不到 %1，它可能已被移动或删除。</translation>
    </message>
    <message>
        <source>The log folder is %1</source>
        <translation>日志文件夹位于 %1</translation>
    </message>
    <message>
        <source>the sample shop</source>
        <translation>示例店铺</translation>
    </message>
    <message>
        <source>Analysing %1…</source>
        <translation>正在分析 %1…</translation>
    </message>
    <message>
        <source>Sample shop</source>
        <translation>示例店铺</translation>
    </message>
    <message>
        <source>This is a sample shop — open your own file</source>
        <translation>这是一家示例店铺——请打开您自己的文件</translation>
    </message>
    <message>
        <source>Open your file…</source>
        <translation>打开您的文件…</translation>
    </message>
    <message numerus="yes">
        <source>%n customers analysed</source>
        <translation>
            <numerusform>已分析 %n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>The computer ran out of memory for this file; close other programs or try a smaller file.</source>
        <translation>电脑内存不足，无法处理此文件；请关闭其他程序或尝试较小的文件。</translation>
    </message>
    <message>
        <source>Clientele could not analyse this file because of an unexpected problem (%1). The details were saved in the log.</source>
        <translation>由于意外问题（%1），Clientele 无法分析此文件。详细信息已保存到日志。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Choose a file name for the list.</source>
        <translation>请为名单选择文件名。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n customers to %1</source>
        <translation>
            <numerusform>已将 %n 位客户保存到 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n kept aside as the control group)</source>
        <translation>
            <numerusform>（%n 位留作对照组）</numerusform>
        </translation>
    </message>
    <message>
        <source>(The folder could not be shown: no file manager was found.)</source>
        <translation>（无法显示文件夹：未找到文件管理器。）</translation>
    </message>
    <message>
        <source>The list could not be written because of an unexpected problem (%1).</source>
        <translation>由于意外问题（%1），无法写入名单。</translation>
    </message>
    <message>
        <source>Show Clientele in the new language now? The window is rebuilt with the same file; nothing is lost.</source>
        <translation>现在就以新的语言显示 Clientele 吗？窗口会用同一个文件重新打开，不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Who they are</source>
        <translation>是哪些客户</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>怎么做</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>What do the groups mean?</source>
        <translation>各个分组是什么意思？</translation>
    </message>
    <message>
        <source>About Clientele</source>
        <translation>关于 Clientele</translation>
    </message>
    <message>
        <source>Bundled software and licences:</source>
        <translation>随附软件及其许可证：</translation>
    </message>
    <message>
        <source>Clientele %1: know your customers from your shop&apos;s own sales files, offline.</source>
        <translation>Clientele %1：离线使用您店铺自己的销售文件了解您的客户。</translation>
    </message>
    <message>
        <source>Point at a dot to see the customer; click it to open them.</source>
        <translation>将鼠标指向圆点可查看客户，点击可打开客户详情。</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>Select an area</source>
        <translation>框选区域</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Export selected…</source>
        <translation>导出选中客户…</translation>
    </message>
    <message>
        <source>Customers close together buy in a similar way: right = spends more, dots of one colour are one group.</source>
        <translation>位置相近的客户购买习惯相似：越靠右消费越多，同一颜色的圆点属于同一分组。</translation>
    </message>
    <message>
        <source>The two directions of the map are the first two principal components (PCA) of the customers&apos; recency, frequency and spend, log-transformed and standardised. Coloured by groups found in your data, the map uses those groups&apos; own projection.</source>
        <translation>地图的两个方向是客户最近购买、购买频率和消费金额（取对数并标准化后）的前两个主成分（PCA）。按数据中的分组着色时，地图使用这些分组自己的投影。</translation>
    </message>
    <message>
        <source>Customer map</source>
        <translation>客户地图</translation>
    </message>
    <message>
        <source>spent %1</source>
        <translation>消费 %1</translation>
    </message>
    <message numerus="yes">
        <source>Export selected (%n)…</source>
        <translation>
            <numerusform>导出选中客户（%n）…</numerusform>
        </translation>
    </message>
    <message>
        <source>Chance of no purchase in 90 days</source>
        <translation>90 天内不购买的概率</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message numerus="yes">
        <source>bought %n times</source>
        <translation>
            <numerusform>购买 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>last %n days ago</source>
        <translation>
            <numerusform>最近一次在 %n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>top %1% spend</source>
        <translation>消费额排名前 %1%</translation>
    </message>
    <message>
        <source>bottom %1% spend</source>
        <translation>消费额排名后 %1%</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>No customer selected</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>资料</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Working out predictions…</source>
        <translation>正在计算预测…</translation>
    </message>
    <message>
        <source>No predictions for this customer: no purchases up to the analysis date.</source>
        <translation>此客户没有预测：截至分析日期没有购买记录。</translation>
    </message>
    <message>
        <source>Expected purchases, next 90 days</source>
        <translation>未来 90 天预计购买次数</translation>
    </message>
    <message>
        <source>Expected purchases, next 12 months</source>
        <translation>未来 12 个月预计购买次数</translation>
    </message>
    <message>
        <source>not expected soon</source>
        <translation>近期不太可能</translation>
    </message>
    <message>
        <source>Spend so far</source>
        <translation>累计消费额</translation>
    </message>
    <message>
        <source>Lifetime value over %1 months, %2 a year discount.</source>
        <translation>终身价值按 %1 个月计算，年折现率 %2。</translation>
    </message>
    <message>
        <source>Working out product suggestions…</source>
        <translation>正在计算商品推荐…</translation>
    </message>
    <message>
        <source>No suggestion for this customer with the current settings.</source>
        <translation>按当前设置，此客户没有推荐商品。</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <source>Forget this customer…</source>
        <translation>删除此客户…</translation>
    </message>
    <message>
        <source>Customer %1 is not in this analysis</source>
        <translation>客户 %1 不在本次分析中</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>建议做法：%1</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Total spend</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>最近购买</translation>
    </message>
    <message numerus="yes">
        <source>Purchases (%n lines)</source>
        <translation>
            <numerusform>购买记录（%n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Days since last purchase</source>
        <translation>距上次购买天数</translation>
    </message>
    <message>
        <source>VIP tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Search name, customer ID, phone, email or city</source>
        <translation>搜索姓名、客户编号、电话、邮箱或城市</translation>
    </message>
    <message>
        <source>Spent at least</source>
        <translation>消费至少</translation>
    </message>
    <message>
        <source>Bought in the last</source>
        <translation>最近购买在</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天内</translation>
    </message>
    <message>
        <source>Export these customers…</source>
        <translation>导出这些客户…</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部分组</translation>
    </message>
    <message>
        <source>Showing %1 of %2 customers</source>
        <translation>显示 %1 / %2 位客户</translation>
    </message>
    <message>
        <source>Net revenue</source>
        <translation>净收入</translation>
    </message>
    <message>
        <source>Bought in the last 90 days</source>
        <translation>近 90 天有购买</translation>
    </message>
    <message>
        <source>Came back to buy again</source>
        <translation>回头客比例</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>平均客单价</translation>
    </message>
    <message>
        <source>Your customer groups</source>
        <translation>您的客户分组</translation>
    </message>
    <message>
        <source>Revenue by month</source>
        <translation>每月收入</translation>
    </message>
    <message>
        <source>Open a file with your sales to see your customers here.</source>
        <translation>打开您的销售文件，即可在这里看到您的客户。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Sales from %1 to %2 · analysis date %3</source>
        <translation>销售数据 %1 至 %2 · 分析日期 %3</translation>
    </message>
    <message>
        <source>Purchases minus returns of every customer in the file</source>
        <translation>文件中所有客户的购买额减去退货额</translation>
    </message>
    <message>
        <source>Share of customers with two or more orders</source>
        <translation>有两笔及以上订单的客户占比</translation>
    </message>
    <message numerus="yes">
        <source>%n orders</source>
        <translation>
            <numerusform>%n 笔订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of revenue</source>
        <translation>占收入 %1</translation>
    </message>
    <message>
        <source>Revenue by day (less than a month of data)</source>
        <translation>每日收入（数据不足一个月）</translation>
    </message>
    <message>
        <source>Revenue by week (weeks from Monday)</source>
        <translation>每周收入（每周从周一算起）</translation>
    </message>
    <message>
        <source>Puts each customer with the most similar ones; the number of groups is chosen where the groups are best separated.</source>
        <translation>把每位客户和最相似的客户放在一起；分组数量取各组区分最清楚的那个。</translation>
    </message>
    <message>
        <source>Joins similar customers step by step into a family tree; cut the tree to choose the groups.</source>
        <translation>把相似的客户一步步合并成一棵家族树；在树上切一刀来决定分组。</translation>
    </message>
    <message>
        <source>Groups may overlap: each customer belongs partly to several groups (see the customer panel).</source>
        <translation>分组可以重叠：每位客户可以部分属于几个组（见客户面板）。</translation>
    </message>
    <message>
        <source>Finds dense groups of look-alike customers; customers who fit no group are set aside as unusual.</source>
        <translation>找出相似客户聚集的密集分组；不属于任何组的客户单独列为特殊客户。</translation>
    </message>
    <message>
        <source>The fixed recency, frequency and spend groups, checked and explained the same way.</source>
        <translation>固定的最近购买、频率和消费分组，用同样的方法检验和解释。</translation>
    </message>
    <message>
        <source>Buying behaviour</source>
        <translation>购买行为</translation>
    </message>
    <message>
        <source>Product mix</source>
        <translation>商品结构</translation>
    </message>
    <message>
        <source>Customer profile</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <source>Share of customers</source>
        <translation>客户占比</translation>
    </message>
    <message>
        <source>Share of revenue</source>
        <translation>收入占比</translation>
    </message>
    <message>
        <source>Typical customer</source>
        <translation>典型客户</translation>
    </message>
    <message>
        <source>Double-click to rename this group</source>
        <translation>双击可重命名此分组</translation>
    </message>
    <message>
        <source>Shares of belonging: customers can sit between groups.</source>
        <translation>归属比例：客户可以介于几个分组之间。</translation>
    </message>
    <message>
        <source>Group in your data</source>
        <translation>数据中的分组</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Group on:</source>
        <translation>分组依据：</translation>
    </message>
    <message>
        <source>Similar customers</source>
        <translation>相似客户</translation>
    </message>
    <message>
        <source>Customer family tree</source>
        <translation>客户家族树</translation>
    </message>
    <message>
        <source>Overlapping groups</source>
        <translation>可重叠的分组</translation>
    </message>
    <message>
        <source>Dense groups and unusual customers</source>
        <translation>密集分组与特殊客户</translation>
    </message>
    <message>
        <source>Recency, frequency and spend scores</source>
        <translation>最近购买、频率和消费评分</translation>
    </message>
    <message>
        <source>Method: %1 on %2 features.</source>
        <translation>方法：%1，使用 %2 项特征。</translation>
    </message>
    <message>
        <source>Separation is the mean silhouette score, measured on %1 customers; stability is the adjusted Rand index between the groups and groups recomputed on resampled customers.</source>
        <translation>区分度是平均轮廓系数，在 %1 位客户上测得；稳定性是这些分组与在重抽样客户上重新计算的分组之间的调整兰德指数。</translation>
    </message>
    <message>
        <source>Found by: %1</source>
        <translation>分组方式：%1</translation>
    </message>
    <message>
        <source>Explain with a few themes</source>
        <translation>用几个主题来解释</translation>
    </message>
    <message>
        <source>Describe what customers differ in as a few factors (varimax factor analysis), each named after its features; the map shows the first two factors.</source>
        <translation>把客户之间的差别归纳为几个因子（方差最大旋转的因子分析），每个因子按其特征命名；地图显示前两个因子。</translation>
    </message>
    <message>
        <source>Groups:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Find groups</source>
        <translation>查找分组</translation>
    </message>
    <message>
        <source>Open a sales file to find groups in your customers.</source>
        <translation>打开销售文件，找出客户中的分组。</translation>
    </message>
    <message>
        <source>Why these groups</source>
        <translation>为什么这样分组</translation>
    </message>
    <message>
        <source>How reliable</source>
        <translation>可靠程度</translation>
    </message>
    <message>
        <source>How many groups</source>
        <translation>分几组</translation>
    </message>
    <message>
        <source>Groups in your data</source>
        <translation>数据中的分组</translation>
    </message>
    <message>
        <source>Method: %1.</source>
        <translation>方法：%1。</translation>
    </message>
    <message>
        <source>This method decides the number of groups itself.</source>
        <translation>此方法会自行决定分组数量。</translation>
    </message>
    <message>
        <source>Choose a method and press “Find groups”.</source>
        <translation>选择一种方法，然后点击“查找分组”。</translation>
    </message>
    <message>
        <source>Finding groups…</source>
        <translation>正在查找分组…</translation>
    </message>
    <message>
        <source>Finding groups in your customers…</source>
        <translation>正在查找客户分组…</translation>
    </message>
    <message>
        <source>The groups could not be computed because of an unexpected problem (%1).</source>
        <translation>由于意外问题（%1），无法计算分组。</translation>
    </message>
    <message>
        <source>Stopped. Press “Find groups” to try again.</source>
        <translation>已停止。点击“查找分组”重试。</translation>
    </message>
    <message>
        <source>Mostly “%1” (%2): %3</source>
        <translation>多数属于“%1”（%2）：%3</translation>
    </message>
    <message>
        <source>Not available: the file has no such information.</source>
        <translation>不可用：文件中没有这类信息。</translation>
    </message>
    <message numerus="yes">
        <source>%n groups of %1 customers</source>
        <translation>
            <numerusform>%1 位客户分为 %n 组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>plus %n prospects (signed up, never bought)</source>
        <translation>
            <numerusform>另有 %n 位潜在客户（已注册但从未购买）</numerusform>
        </translation>
    </message>
    <message>
        <source>Read with care:</source>
        <translation>请谨慎解读：</translation>
    </message>
    <message>
        <source>The map shows the first two factors.</source>
        <translation>地图显示前两个因子。</translation>
    </message>
    <message>
        <source>Simple rules that describe the groups; they put %1 of customers in their own group.</source>
        <translation>描述各组的简单规则；它们能把 %1 的客户归入各自所在的组。</translation>
    </message>
    <message>
        <source>No simple rule singles out this group; its members are mixed with others in the rules.</source>
        <translation>没有简单规则能单独描述这个组；在规则中它的成员与其他组混在一起。</translation>
    </message>
    <message numerus="yes">
        <source>Customers who %1 (%2 of %n customers matching this are in the group)</source>
        <translation>
            <numerusform>%1的客户（符合此条件的 %n 位客户中有 %2 属于该组）</numerusform>
        </translation>
    </message>
    <message>
        <source>Separation</source>
        <translation>区分度</translation>
    </message>
    <message>
        <source>How clearly customers fall into their own group rather than a neighbouring one: 1 is perfectly separate, 0 means the groups overlap.</source>
        <translation>客户有多明确地属于自己的组而不是相邻的组：1 表示完全分开，0 表示各组重叠。</translation>
    </message>
    <message>
        <source>How alike the groups come out when recomputed on slightly different customers: 1 is identical.</source>
        <translation>在略有不同的客户上重新计算时分组有多相似：1 表示完全相同。</translation>
    </message>
    <message>
        <source>These groups come from fixed scores, not from a fit: nothing to recompute.</source>
        <translation>这些分组由固定评分得出，不是拟合得到的，无需重算。</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <source>Balance of sizes</source>
        <translation>大小均衡度</translation>
    </message>
    <message>
        <source>1 means all groups are the same size; smallest %1, largest %2.</source>
        <translation>1 表示各组一样大；最小的占 %1，最大的占 %2。</translation>
    </message>
    <message>
        <source>Rules agree</source>
        <translation>规则一致度</translation>
    </message>
    <message>
        <source>Share of customers the simple rules put in their own group.</source>
        <translation>简单规则归入其所在组的客户比例。</translation>
    </message>
    <message>
        <source>Unusual customers</source>
        <translation>特殊客户</translation>
    </message>
    <message>
        <source>Customers who fit no dense group.</source>
        <translation>不属于任何密集分组的客户。</translation>
    </message>
    <message>
        <source>overlaps another group</source>
        <translation>与另一组重叠</translation>
    </message>
    <message>
        <source>changes when recomputed</source>
        <translation>重算时会变化</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Weak: %1</source>
        <translation>较弱：%1</translation>
    </message>
    <message>
        <source>Reliable</source>
        <translation>可靠</translation>
    </message>
    <message>
        <source>Each group</source>
        <translation>各个分组</translation>
    </message>
    <message numerus="yes">
        <source>You chose %n groups. Set “Groups” to Automatic to see how other numbers compare.</source>
        <translation>
            <numerusform>您选择了 %n 组。把“分组”设为“自动”可比较其他分组数量。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Click a point to use that number of groups. The chosen number is marked; you are using %n.</source>
        <translation>
            <numerusform>点击一个点即可使用该分组数量。推荐的数量已标出；当前使用 %n 组。</numerusform>
        </translation>
    </message>
    <message>
        <source>Separation (higher is better)</source>
        <translation>区分度（越高越好）</translation>
    </message>
    <message>
        <source>Spread inside the groups (look for the bend)</source>
        <translation>组内差异（看曲线的拐点）</translation>
    </message>
    <message>
        <source>Fit penalty (lower is better)</source>
        <translation>拟合惩罚值（越低越好）</translation>
    </message>
    <message>
        <source>Number of groups</source>
        <translation>分组数量</translation>
    </message>
    <message>
        <source>Two groups cannot have the same name.</source>
        <translation>两个分组不能同名。</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>分组必须有名称。</translation>
    </message>
    <message>
        <source>Average spend</source>
        <translation>平均消费</translation>
    </message>
    <message>
        <source>Typical days since last purchase</source>
        <translation>距上次购买天数（中位数）</translation>
    </message>
    <message>
        <source>Typical number of orders</source>
        <translation>订单数（中位数）</translation>
    </message>
    <message>
        <source>How often they buy (5 = most often) →</source>
        <translation>购买频率（5 = 最频繁）→</translation>
    </message>
    <message>
        <source>How recently (5 = most recent) →</source>
        <translation>最近购买（5 = 最近）→</translation>
    </message>
    <message>
        <source>Upper bar: share of customers; lower, striped bar: share of revenue.</source>
        <translation>上方的条：客户占比；下方带斜纹的条：收入占比。</translation>
    </message>
    <message>
        <source>RFM scores: each customer gets three scores from 1 to 5 by quintiles of the shop&apos;s customers, equal values sharing a score: recency (days since the last purchase), frequency (orders; one-time buyers score 1, repeat buyers 2 to 5) and monetary value (total spend). The named groups are fixed rules on these scores; the grid counts customers by their R and F scores.</source>
        <translation>RFM 评分：按本店客户的五分位数，每位客户得到三个 1 到 5 的评分，数值相同的评分也相同：最近购买（距上次购买的天数）、购买频率（订单数；只买过一次的客户得 1 分，回头客得 2 到 5 分）和消费金额（累计消费）。各个命名分组是基于这些评分的固定规则；方格图按客户的 R 和 F 评分计数。</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>建议行动</translation>
    </message>
    <message>
        <source>Customers by how recently and how often they buy</source>
        <translation>按最近购买时间和购买频率划分的客户</translation>
    </message>
    <message>
        <source>Select a group to see its customers.</source>
        <translation>选择一个分组查看其中的客户。</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Export this group…</source>
        <translation>导出此分组…</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n customers</source>
        <translation>
            <numerusform>%1：%n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Drag the red line up for fewer, bigger groups, down for more, smaller ones.</source>
        <translation>向上拖动红线得到更少、更大的分组，向下拖动得到更多、更小的分组。</translation>
    </message>
    <message>
        <source>How different the merged groups are</source>
        <translation>合并的分组之间的差异</translation>
    </message>
    <message numerus="yes">
        <source>Cut here: %n groups</source>
        <translation>
            <numerusform>在此切分：%n 组</numerusform>
        </translation>
    </message>
    <message>
        <source>Group then</source>
        <translation>之前的分组</translation>
    </message>
    <message>
        <source>Group now</source>
        <translation>现在的分组</translation>
    </message>
    <message numerus="yes">
        <source>%n customers stayed in “%1”</source>
        <translation>
            <numerusform>%n 位客户留在“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customers moved from “%1” to “%2”</source>
        <translation>
            <numerusform>%n 位客户从“%1”变成了“%2”</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Open a sales file to see how customers moved between groups.</source>
        <translation>打开销售文件，查看客户在分组之间的变化。</translation>
    </message>
    <message>
        <source>Rows: group at the earlier date; columns: group now. Darker cells hold more movers; click one to list its customers.</source>
        <translation>行：较早日期时的分组；列：现在的分组。颜色越深，变动的客户越多；点击单元格可列出这些客户。</translation>
    </message>
    <message>
        <source>Customers who changed group</source>
        <translation>分组发生变化的客户</translation>
    </message>
    <message>
        <source>Show all movers</source>
        <translation>显示所有变动客户</translation>
    </message>
    <message>
        <source>Movement between groups</source>
        <translation>分组变化</translation>
    </message>
    <message>
        <source>Groups in your data: %1</source>
        <translation>数据中的分组：%1</translation>
    </message>
    <message>
        <source>Choose two dates and press “Compare”.</source>
        <translation>选择两个日期，然后点击“比较”。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Comparing groups at two dates…</source>
        <translation>正在比较两个日期的分组…</translation>
    </message>
    <message>
        <source>The comparison failed because of an unexpected problem (%1).</source>
        <translation>由于意外问题（%1），比较失败。</translation>
    </message>
    <message numerus="yes">
        <source>From %1 to %2: %3 of the earlier customers kept their group; %n new customers.</source>
        <translation>
            <numerusform>从 %1 到 %2：%3 的老客户保持在原来的分组；新增 %n 位客户。</numerusform>
        </translation>
    </message>
    <message>
        <source>Biggest moves:</source>
        <translation>最大的变化：</translation>
    </message>
    <message>
        <source>Nobody changed group.</source>
        <translation>没有客户改变分组。</translation>
    </message>
    <message numerus="yes">
        <source>%n customers changed group</source>
        <translation>
            <numerusform>%n 位客户改变了分组</numerusform>
        </translation>
    </message>
    <message>
        <source>These customers kept their group.</source>
        <translation>这些客户保持在原来的分组。</translation>
    </message>
    <message>
        <source>%1 is no longer in %2; the project uses the sales lines it saved.</source>
        <translation>%1 已不在 %2 中；项目使用其中保存的销售记录。</translation>
    </message>
    <message>
        <source>%1 has changed since the project was saved; the project shows the saved lines (open the file again to analyse the new version).</source>
        <translation>项目保存后 %1 已有改动；项目显示的是保存时的记录（重新打开该文件可分析新版本）。</translation>
    </message>
    <message>
        <source>No, start afresh</source>
        <translation>不用，重新开始</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Clientele project</source>
        <translation>Clientele 项目</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Project saved to %1</source>
        <translation>项目已保存到 %1</translation>
    </message>
    <message>
        <source>The project could not be opened or saved because of an unexpected problem (%1). The details were saved in the log.</source>
        <translation>由于意外问题（%1），项目无法打开或保存。详细信息已保存到日志。</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Restored analysis</source>
        <translation>已恢复的分析</translation>
    </message>
    <message>
        <source>The analysis from your last session was restored.</source>
        <translation>已恢复您上次会话中的分析。</translation>
    </message>
    <message>
        <source>The safety copy could not be saved (%1).</source>
        <translation>无法保存安全副本（%1）。</translation>
    </message>
    <message>
        <source>Clientele did not close properly last time. Restore the analysis you were working on?</source>
        <translation>Clientele 上次没有正常关闭。要恢复您当时正在进行的分析吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送日期</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Kept aside</source>
        <translation>对照组</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>95% range</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Lists exported with a control group can be checked here: open newer sales data, choose the campaign and the period, and see whether contacting customers made them buy more.</source>
        <translation>在这里检查带对照组导出的名单：打开更新的销售数据，选择活动和期间，看看联系客户是否让他们买得更多。</translation>
    </message>
    <message>
        <source>No campaigns yet: export a marketing list with a control group first.</source>
        <translation>还没有营销活动：请先导出一份带对照组的营销名单。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>The share of sales you keep as profit; 100% judges the campaign on sales.</source>
        <translation>销售额中利润所占的比例；100% 表示按销售额评估活动。</translation>
    </message>
    <message>
        <source>Profit on sales</source>
        <translation>销售利润率</translation>
    </message>
    <message>
        <source>Work out the results</source>
        <translation>计算结果</translation>
    </message>
    <message>
        <source>Add a campaign file…</source>
        <translation>添加活动文件…</translation>
    </message>
    <message>
        <source>How this was computed: customers who bought anything in the period, and their net spend, compared between the two groups picked at random; ranges are 95% confidence intervals (Newcombe for shares, Welch for spend).</source>
        <translation>计算方法：比较随机分出的两组客户在期间内是否购买及其净消费；区间为 95% 置信区间（比例用 Newcombe 法，消费用 Welch 法）。</translation>
    </message>
    <message>
        <source>Save the results…</source>
        <translation>保存结果…</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign lists of other files are not shown: their customers are not in this file.</source>
        <translation>
            <numerusform>另有 %n 份其他文件的营销名单未显示：其中的客户不在此文件中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a campaign file</source>
        <translation>添加活动文件</translation>
    </message>
    <message>
        <source>Campaign record</source>
        <translation>活动记录</translation>
    </message>
    <message>
        <source>Working out the results…</source>
        <translation>正在计算结果…</translation>
    </message>
    <message>
        <source>Working out the campaign results…</source>
        <translation>正在计算活动结果…</translation>
    </message>
    <message>
        <source>The results could not be worked out because of an unexpected problem (%1).</source>
        <translation>由于意外问题（%1），无法计算结果。</translation>
    </message>
    <message>
        <source>Saving the campaign results…</source>
        <translation>正在保存活动结果…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Chance of buying</source>
        <translation>购买概率</translation>
    </message>
    <message>
        <source>Repeat purchases before the date</source>
        <translation>该日期之前的回购次数</translation>
    </message>
    <message>
        <source> (about right)</source>
        <translation>（基本准确）</translation>
    </message>
    <message>
        <source> (%1 too high)</source>
        <translation>（高估了 %1）</translation>
    </message>
    <message>
        <source> (%1 too low)</source>
        <translation>（低估了 %1）</translation>
    </message>
    <message>
        <source>Count time in</source>
        <translation>时间单位</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Yearly discount rate for lifetime value</source>
        <translation>终身价值的年折现率</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Open a sales file to see predictions.</source>
        <translation>打开销售文件即可查看预测。</translation>
    </message>
    <message>
        <source>Lifetime value of all customers</source>
        <translation>全部客户的终身价值</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Every customer</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>%1 risk</source>
        <translation>%1风险</translation>
    </message>
    <message>
        <source>Who is slipping away</source>
        <translation>谁正在流失</translation>
    </message>
    <message>
        <source>Chance of buying in the next</source>
        <translation>未来购买概率，期限</translation>
    </message>
    <message>
        <source>Rank customers</source>
        <translation>为客户排序</translation>
    </message>
    <message>
        <source>Export the top</source>
        <translation>导出前</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Did the chances come true?</source>
        <translation>预测的概率准吗？</translation>
    </message>
    <message>
        <source>Each dot groups customers with similar chances: on the dashed line, they bought as often as predicted in the last period of your history, which the model did not see.</source>
        <translation>每个点代表概率相近的一组客户：落在虚线上表示在模型没有见过的最近一段时间里，他们实际购买的比例与预测一致。</translation>
    </message>
    <message>
        <source>Most likely to buy</source>
        <translation>最可能购买的客户</translation>
    </message>
    <message>
        <source>Pretend it is</source>
        <translation>假设今天是</translation>
    </message>
    <message>
        <source>Check the predictions</source>
        <translation>检验预测</translation>
    </message>
    <message>
        <source>The purchase model learns only from the purchases up to this date, predicts the days after it, and is compared with what your customers really did.</source>
        <translation>购买模型只用截至该日期的购买记录学习，预测之后的日子，再与客户的实际购买对比。</translation>
    </message>
    <message>
        <source>No predictions could be made from this data.</source>
        <translation>无法根据这些数据做出预测。</translation>
    </message>
    <message numerus="yes">
        <source>Predictions for %n customers</source>
        <translation>
            <numerusform>%n 位客户的预测</numerusform>
        </translation>
    </message>
    <message>
        <source>Risk = chance of no purchase in the next %1 days. Low: under %2, high: over %3.</source>
        <translation>风险 = 未来 %1 天内不再购买的概率。低：低于 %2，高：高于 %3。</translation>
    </message>
    <message>
        <source>Learning who buys from your past sales…</source>
        <translation>正在从过往销售中学习谁会购买…</translation>
    </message>
    <message>
        <source>Ranking customers by their chance of buying…</source>
        <translation>正在按购买概率为客户排序…</translation>
    </message>
    <message>
        <source>Checked on the last %1 days of your history: it ranked a customer who bought above one who did not %2 of the time (50% would be guessing).</source>
        <translation>用您历史数据中最近 %1 天检验：它有 %2 的情况把实际购买的客户排在未购买的客户前面（50% 相当于瞎猜）。</translation>
    </message>
    <message>
        <source>Method: %1. Area under the ROC curve (AUC) on the held-back days: %2.</source>
        <translation>方法：%1。在留出的天数上的 ROC 曲线下面积（AUC）：%2。</translation>
    </message>
    <message>
        <source>Chances from the purchase model (too little history to check them).</source>
        <translation>概率来自购买模型（历史数据太少，无法检验）。</translation>
    </message>
    <message>
        <source>Predicted chance</source>
        <translation>预测概率</translation>
    </message>
    <message>
        <source>Checking the predictions…</source>
        <translation>正在检验预测…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 customers&lt;/b&gt; who had bought by %2, followed for %3 days:</source>
        <translation>截至 %2 购买过的 &lt;b&gt;%1 位客户&lt;/b&gt;，之后 %3 天：</translation>
    </message>
    <message>
        <source>predicted %1 repeat purchases, they made %2</source>
        <translation>预测回购 %1 次，实际 %2 次</translation>
    </message>
    <message>
        <source>predicted spend %1, actual %2</source>
        <translation>预测消费 %1，实际 %2</translation>
    </message>
    <message>
        <source>The predictions in this app do not use the purchase model for this data (see the note above); this check shows how it would have done.</source>
        <translation>对这些数据，本应用的预测没有使用购买模型（见上方说明）；此检验展示购买模型本来的表现。</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Repeat purchases before</source>
        <translation>此前回购次数</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Predicted purchases per customer after the date</source>
        <translation>该日期之后每位客户的预测购买次数</translation>
    </message>
    <message>
        <source>Actual purchases per customer after the date</source>
        <translation>该日期之后每位客户的实际购买次数</translation>
    </message>
    <message>
        <source>Purchases per customer after it</source>
        <translation>之后每位客户的购买次数</translation>
    </message>
    <message>
        <source>This could not be worked out because of an unexpected problem (%1). The details were saved in the log.</source>
        <translation>由于意外问题（%1）无法完成计算。详细信息已保存到日志。</translation>
    </message>
    <message>
        <source>Stopped. Press the button to try again.</source>
        <translation>已停止。请按按钮重试。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Customers who bought it</source>
        <translation>购买过的客户数</translation>
    </message>
    <message>
        <source>Baskets with both</source>
        <translation>同时购买的篮数</translation>
    </message>
    <message>
        <source>Share of all baskets</source>
        <translation>占全部购物篮的比例</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持度</translation>
    </message>
    <message>
        <source>Also bought</source>
        <translation>同时购买比例</translation>
    </message>
    <message>
        <source>Confidence: share of the baskets with the chosen product that also had this one</source>
        <translation>置信度：含所选商品的购物篮中也含此商品的比例</translation>
    </message>
    <message>
        <source>Times more than usual</source>
        <translation>是平常的倍数</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Suggestions bought</source>
        <translation>推荐被购买比例</translation>
    </message>
    <message>
        <source>Precision: share of the suggestions that were bought</source>
        <translation>精确率：推荐商品中被购买的比例</translation>
    </message>
    <message>
        <source>Purchases foreseen</source>
        <translation>被预见的购买</translation>
    </message>
    <message>
        <source>Recall: share of the products bought that had been suggested</source>
        <translation>召回率：所购商品中曾被推荐的比例</translation>
    </message>
    <message>
        <source>Customers with a hit</source>
        <translation>至少命中一次的客户</translation>
    </message>
    <message>
        <source>Hit rate: customers who bought at least one suggestion</source>
        <translation>命中率：至少购买了一件推荐商品的客户比例</translation>
    </message>
    <message>
        <source>Ranking quality</source>
        <translation>排序质量</translation>
    </message>
    <message>
        <source>NDCG: 1 = what was bought came first</source>
        <translation>NDCG：1 = 实际购买的商品排在最前</translation>
    </message>
    <message>
        <source>Products ever suggested</source>
        <translation>被推荐过的商品</translation>
    </message>
    <message>
        <source>Coverage: share of the catalogue that was suggested to someone</source>
        <translation>覆盖率：曾被推荐给某位客户的商品占全部商品的比例</translation>
    </message>
    <message>
        <source>The mix Clientele uses</source>
        <translation>Clientele 使用的组合</translation>
    </message>
    <message>
        <source>Open a sales file to see product suggestions.</source>
        <translation>打开销售文件即可查看商品推荐。</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <source>Bought together</source>
        <translation>经常一起购买</translation>
    </message>
    <message>
        <source>Who to offer it to</source>
        <translation>推荐给谁</translation>
    </message>
    <message>
        <source>How good are the suggestions?</source>
        <translation>推荐效果如何？</translation>
    </message>
    <message>
        <source>Suggestions per customer</source>
        <translation>每位客户的推荐数</translation>
    </message>
    <message>
        <source>Leave out products they bought in the last</source>
        <translation>不推荐最近购买过的商品，期限</translation>
    </message>
    <message>
        <source>0 days (keep all)</source>
        <translation>0 天（全部保留）</translation>
    </message>
    <message>
        <source>Only products new to the customer</source>
        <translation>只推荐客户没买过的商品</translation>
    </message>
    <message>
        <source>Never suggest these products</source>
        <translation>永不推荐这些商品</translation>
    </message>
    <message>
        <source>names or codes, separated by commas</source>
        <translation>名称或编码，用逗号分隔</translation>
    </message>
    <message>
        <source>or categories</source>
        <translation>或这些类别</translation>
    </message>
    <message>
        <source>categories, separated by commas</source>
        <translation>类别，用逗号分隔</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Pick a product on the left.</source>
        <translation>请在左侧选择一件商品。</translation>
    </message>
    <message>
        <source>A basket is what one customer bought on one day. “Times more than usual” above 1 means the two go together more often than chance.</source>
        <translation>一个购物篮是一位客户在一天内买的东西。“是平常的倍数”大于 1 表示两件商品一起购买的频率高于随机。</translation>
    </message>
    <message>
        <source>List up to</source>
        <translation>最多列出</translation>
    </message>
    <message>
        <source> customers</source>
        <translation> 位客户</translation>
    </message>
    <message>
        <source>Export as a marketing list…</source>
        <translation>导出为营销名单…</translation>
    </message>
    <message>
        <source>Check the suggestions</source>
        <translation>检验推荐</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>every product bought</source>
        <translation>所有购买的商品</translation>
    </message>
    <message>
        <source>only products new to the customer</source>
        <translation>仅客户首次购买的商品</translation>
    </message>
    <message>
        <source>Suggestions are worked out from the purchases before this date only, then compared with what customers bought from that date on. This takes a while.</source>
        <translation>只用该日期之前的购买记录计算推荐，再与客户从该日期起实际购买的商品对比。这需要一些时间。</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Suggestions for %1 customers from %2 products</source>
        <translation>为 %1 位客户从 %2 件商品中推荐</translation>
    </message>
    <message>
        <source>Showing %1 of %2 products</source>
        <translation>显示 %1 / %2 件商品</translation>
    </message>
    <message>
        <source>Working out…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Finding customers for %1…</source>
        <translation>正在为 %1 寻找客户…</translation>
    </message>
    <message>
        <source>Customers who buy %1 also buy</source>
        <translation>买%1的客户也买</translation>
    </message>
    <message>
        <source>%1 is not often bought together with anything else.</source>
        <translation>%1很少与其他商品一起购买。</translation>
    </message>
    <message numerus="yes">
        <source>%n customers to offer %1 to</source>
        <translation>
            <numerusform>可向 %n 位客户推荐%1</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer to offer %1 to with these settings.</source>
        <translation>按当前设置，没有可推荐%1的客户。</translation>
    </message>
    <message>
        <source>Checking the suggestions… this takes a while.</source>
        <translation>正在检验推荐…这需要一些时间。</translation>
    </message>
    <message>
        <source>Checking the suggestions…</source>
        <translation>正在检验推荐…</translation>
    </message>
    <message>
        <source>%1 suggestions per customer, from purchases before %2.</source>
        <translation>每位客户 %1 条推荐，基于 %2 之前的购买记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n customers bought something afterwards and were scored.</source>
        <translation>
            <numerusform>%n 位客户之后有购买并参与了评分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to Clientele</source>
        <translation>欢迎使用 Clientele</translation>
    </message>
    <message>
        <source>Open the sales export of your till or web shop (Excel or CSV) to see your customers in groups, who to contact, and what they are likely to buy. Nothing leaves this computer.</source>
        <translation>打开收银系统或网店导出的销售记录（Excel 或 CSV），查看客户分组、该联系谁，以及他们可能会买什么。所有数据都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>Open your sales file…</source>
        <translation>打开销售文件…</translation>
    </message>
    <message>
        <source>Open a project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Try the sample shop</source>
        <translation>试试示例店铺</translation>
    </message>
    <message>
        <source>Recent files and projects</source>
        <translation>最近的文件和项目</translation>
    </message>
    <message>
        <source>Nothing opened yet. Files you open appear here.</source>
        <translation>还没有打开过文件。打开的文件会显示在这里。</translation>
    </message>
    <message>
        <source>Getting started…</source>
        <translation>快速入门…</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Sales file</source>
        <translation>销售文件</translation>
    </message>
    <message>
        <source>no longer there</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>How was this computed?</source>
        <translation>这是怎么算出来的？</translation>
    </message>
    <message>
        <source>&amp;Print report…</source>
        <translation>打印月度报告(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the monthly report</source>
        <translation>保存月度报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>Saved the monthly report (%n pages) to %1</source>
        <translation>
            <numerusform>月度报告（%n 页）已保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The report could not be written because of an unexpected problem (%1).</source>
        <translation>由于意外问题（%1），无法写出报告。</translation>
    </message>
    <message>
        <source>Choose customers in a sentence</source>
        <translation>用一句话筛选客户</translation>
    </message>
    <message>
        <source>Join conditions with and / or, put not in front of one and group them with brackets. Fields: group, spend, spend_12m, orders, days_since_last, first_purchase, last_purchase, city, gender, birthday_month, churn_band, expected_value, tier, and bought product / category … between dates.</source>
        <translation>用 and / or 连接条件，在条件前加 not 表示“不是”，用括号分组。可用字段：group（分组）、spend（消费额）、spend_12m（近 12 个月消费）、orders（订单数）、days_since_last（距上次购买天数）、first_purchase、last_purchase（首次/最近购买日期）、city（城市）、gender（性别）、birthday_month（生日月份）、churn_band（流失可能性）、expected_value（预计消费）、tier（会员等级），以及 bought product / category …（买过的商品/品类）between 日期 and 日期。</translation>
    </message>
    <message>
        <source>Write a filter to see how many customers match.</source>
        <translation>写下筛选条件，即可看到有多少客户符合。</translation>
    </message>
    <message>
        <source>Name of the list</source>
        <translation>名单名称</translation>
    </message>
    <message>
        <source>Save the list</source>
        <translation>保存名单</translation>
    </message>
    <message>
        <source>Saved lists (refreshed on new data: click one to use it)</source>
        <translation>已保存的名单（随新数据更新；点击即可使用）</translation>
    </message>
    <message>
        <source>Examples (click to try)</source>
        <translation>示例（点击试用）</translation>
    </message>
    <message>
        <source>Filter builder</source>
        <translation>筛选名单</translation>
    </message>
    <message>
        <source>The filter cannot be read yet.</source>
        <translation>筛选条件还无法识别。</translation>
    </message>
    <message numerus="yes">
        <source>%n customers of %1 match</source>
        <translation>
            <numerusform>%1 位客户中有 %n 位符合</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the list a name first</source>
        <translation>请先给名单起个名字</translation>
    </message>
    <message>
        <source>Open a file to see whom to contact this week.</source>
        <translation>打开文件即可看到本周要联系的客户。</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周联系</translation>
    </message>
    <message>
        <source>value = expected spend in the next 12 months</source>
        <translation>价值 = 未来 12 个月预计消费额</translation>
    </message>
    <message>
        <source>value = spend in the last 12 months</source>
        <translation>价值 = 近 12 个月消费额</translation>
    </message>
    <message>
        <source>no prices in this file</source>
        <translation>此文件没有价格</translation>
    </message>
    <message numerus="yes">
        <source>From %1, %n days: %2</source>
        <translation>
            <numerusform>从 %1 起 %n 天：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out: %1 already contacted, %2 in a campaign&apos;s control group</source>
        <translation>未列入：%1 位已联系，%2 位属于营销活动的对照组</translation>
    </message>
    <message numerus="yes">
        <source> (%n in all)</source>
        <translation>
            <numerusform>（共 %n 位）</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody to contact in these days.</source>
        <translation>这几天没有需要联系的客户。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Open a file to see how the shop is doing month by month.</source>
        <translation>打开文件即可看到店铺每月的经营情况。</translation>
    </message>
    <message>
        <source>Revenue this month</source>
        <translation>本月销售额</translation>
    </message>
    <message>
        <source>Orders this month</source>
        <translation>本月订单数</translation>
    </message>
    <message>
        <source>Customers this month</source>
        <translation>本月客户数</translation>
    </message>
    <message>
        <source>New customers this month</source>
        <translation>本月新客户</translation>
    </message>
    <message>
        <source>Repeat rate this month</source>
        <translation>本月复购率</translation>
    </message>
    <message>
        <source>Month by month</source>
        <translation>逐月数据</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Customers still buying, by month of their first purchase</source>
        <translation>按首次购买月份看仍在购买的客户</translation>
    </message>
    <message>
        <source>Each row is the customers who first bought in that month; each column the share of them who bought again so many months later.</source>
        <translation>每一行是在该月首次购买的客户；每一列是其中在若干个月后仍再次购买的比例。</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Up to %1 (revenue after returns, identified customers)</source>
        <translation>截至 %1（销售额已扣除退货，仅含可识别的客户）</translation>
    </message>
    <message>
        <source>Against the same days of last month</source>
        <translation>与上月同期相比</translation>
    </message>
    <message>
        <source>In %1: %2 customers lost (90 days without a purchase), %3 new, %4 won back.</source>
        <translation>%1：流失 %2 位客户（90 天未购买），新增 %3 位，挽回 %4 位。</translation>
    </message>
    <message>
        <source>Forget %1? Their purchases and contact details are removed from this analysis, the saved project and every autosave, and they are left out of lists from now on. This cannot be undone.</source>
        <translation>删除 %1？其购买记录和联系方式将从本次分析、已保存的项目和所有自动保存中删除，今后也不会出现在名单中。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Your own spreadsheets are yours to edit: remove the customer there too, or they come back the next time you open those files.</source>
        <translation>原始表格由您自己修改：请在那里也删除该客户，否则下次打开这些文件时他会重新出现。</translation>
    </message>
    <message>
        <source>Forget this customer</source>
        <translation>删除此客户</translation>
    </message>
    <message>
        <source>Customer %1 was forgotten.</source>
        <translation>已删除客户 %1。</translation>
    </message>
    <message>
        <source>Forgetting %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <source>A new password for %1 (nothing can recover it if you forget it):</source>
        <translation>为 %1 设置新密码（忘记后任何方法都无法找回）：</translation>
    </message>
    <message>
        <source>%1 is protected by a password. Password:</source>
        <translation>%1 受密码保护。密码：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The same password again:</source>
        <translation>再次输入同一密码：</translation>
    </message>
</context>
</TS>
