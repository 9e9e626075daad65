<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AccountDialog</name>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Tool</source>
            <translation>工具</translation>
        </message>
        <message>
            <source>Credits</source>
            <translation>积分</translation>
        </message>
        <message>
            <source>Input tokens</source>
            <translation>输入 token</translation>
        </message>
        <message>
            <source>Output tokens</source>
            <translation>输出 token</translation>
        </message>
        <message>
            <source>Latency</source>
            <translation>延迟</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>费用</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Capability</source>
            <translation>能力</translation>
        </message>
        <message>
            <source>Cache</source>
            <translation>缓存</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>服务商</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>US dollars</source>
            <translation>美元</translation>
        </message>
        <message>
            <source>All providers (US dollars)</source>
            <translation>所有服务商（美元）</translation>
        </message>
        <message>
            <source>Account and usage</source>
            <translation>账户与用量</translation>
        </message>
        <message>
            <source>Buy credits…</source>
            <translation>购买积分…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Credits per day and tool, last %1 days</source>
            <translation>最近 %1 天每天各工具的积分</translation>
        </message>
        <message>
            <source>Usage history</source>
            <translation>使用记录</translation>
        </message>
        <message>
            <source>Verging and Vimmerse bill in their own credits and varg in cents: each is shown on its own, or all together in US dollars where the dollar value is known (Vimmerse publishes no dollar price for its credits).</source>
            <translation>Verging 和 Vimmerse 以各自的积分计费，varg 以美分计费：可以分别查看，也可以在已知美元价值时合并以美元显示（Vimmerse 未公布其积分的美元价格）。</translation>
        </message>
        <message>
            <source>Rows per page</source>
            <translation>每页行数</translation>
        </message>
        <message>
            <source>◀ Previous</source>
            <translation>◀ 上一页</translation>
        </message>
        <message>
            <source>Next ▶</source>
            <translation>下一页 ▶</translation>
        </message>
        <message>
            <source>Verging</source>
            <comment>a provider</comment>
            <translation>Verging</translation>
        </message>
        <message>
            <source>Vimmerse</source>
            <comment>a provider</comment>
            <translation>Vimmerse</translation>
        </message>
        <message>
            <source>varg</source>
            <comment>a provider</comment>
            <translation>varg</translation>
        </message>
        <message>
            <source>Verging AI</source>
            <comment>a provider's name</comment>
            <translation>Verging AI</translation>
        </message>
        <message>
            <source>Vimmerse</source>
            <comment>a provider's name</comment>
            <translation>Vimmerse</translation>
        </message>
        <message>
            <source>varg gateway</source>
            <comment>a provider's name</comment>
            <translation>varg 网关</translation>
        </message>
        <message>
            <source>Sandbox account: simulated, nothing is charged.</source>
            <translation>沙盒账户：模拟运行，不产生任何费用。</translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>(no e-mail)</source>
            <translation>（无电子邮件）</translation>
        </message>
        <message>
            <source>Sandbox Demo</source>
            <comment>the sandbox's demo account</comment>
            <translation>沙盒演示账户</translation>
        </message>
        <message>
            <source>worth about %1</source>
            <translation>约合 %1</translation>
        </message>
        <message>
            <source>varg balance: %1</source>
            <translation>varg 余额：%1</translation>
        </message>
        <message>
            <source>%1 does not publish a balance: your balance is on %2.</source>
            <translation>%1 不公布余额：你的余额可在 %2 上查看。</translation>
        </message>
        <message>
            <source>charged this month, from this app's jobs</source>
            <translation>本月扣除（来自本应用的任务）</translation>
        </message>
        <message>
            <source>Open %1…</source>
            <translation>打开 %1…</translation>
        </message>
        <message>
            <source>Balance in cents; a result from varg's cache is free.</source>
            <translation>余额以美分计；来自 varg 缓存的结果免费。</translation>
        </message>
        <message>
            <source>Add a varg key (Manage API keys) to see its balance.</source>
            <translation>添加 varg 密钥（管理 API 密钥）后即可查看其余额。</translation>
        </message>
        <message>
            <source>All tools</source>
            <translation>所有工具</translation>
        </message>
        <message>
            <source>Add an API key (or try the sandbox) to see your usage.</source>
            <translation>添加 API 密钥（或试用沙盒）后即可查看你的用量。</translation>
        </message>
        <message>
            <source>No account yet.</source>
            <translation>尚无账户。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Loading usage…</source>
            <translation>正在加载用量…</translation>
        </message>
        <message>
            <source>Could not load the usage: %1</source>
            <translation>无法加载用量：%1</translation>
        </message>
        <message>
            <source>Add a %1 key (Manage API keys) to see its charges.</source>
            <translation>添加 %1 密钥（管理 API 密钥）后即可查看其扣费。</translation>
        </message>
        <message>
            <source>No %1 key yet.</source>
            <translation>尚无 %1 密钥。</translation>
        </message>
        <message>
            <source>Add a varg key (Manage API keys) to see its charges.</source>
            <translation>添加 varg 密钥（管理 API 密钥）后即可查看其扣费。</translation>
        </message>
        <message>
            <source>No varg key yet.</source>
            <translation>尚无 varg 密钥。</translation>
        </message>
        <message>
            <source>Job charges are this app's records: the server's job list could not be read.</source>
            <translation>任务扣费来自本应用的记录：无法读取服务器的任务列表。</translation>
        </message>
        <message>
            <source>~ marks an estimate: the server has not reported that charge yet.</source>
            <translation>~ 表示估算值：服务器尚未报告该笔扣费。</translation>
        </message>
        <message>
            <source>Only the %1 most recent AI calls of %2 are included; the rest are on verging.ai.</source>
            <translation>仅包含 %2 次 AI 调用中最近的 %1 次；其余记录请在 verging.ai 上查看。</translation>
        </message>
        <message>
            <source>No credits used in the last %1 days.</source>
            <translation>最近 %1 天未使用积分。</translation>
        </message>
        <message>
            <source>%1 publishes no usage list and no balance: these are the %1 credits it reported on each job sent from this app (your balance is on %2). They are %1 credits, counted apart from your Verging credits.</source>
            <translation>%1 不公布用量列表和余额：这里是本应用发送的每个任务上 %1 报告的积分（你的余额可在 %2 上查看）。这些是 %1 积分，与你的 Verging 积分分开计算。</translation>
        </message>
        <message>
            <source>~ marks an estimate: %1 has not reported that charge yet.</source>
            <translation>~ 表示估算值：%1 尚未报告该笔扣费。</translation>
        </message>
        <message>
            <source>%1 credits per day and tool, last %2 days</source>
            <translation>最近 %2 天每天各工具的 %1 积分</translation>
        </message>
        <message>
            <source>No %1 credits used in the last %2 days.</source>
            <translation>最近 %2 天未使用 %1 积分。</translation>
        </message>
        <message>
            <source>varg's usage list: each job's cost in cents (1 ¢ = $0.01), counted apart from your Verging and Vimmerse credits. A result from varg's cache is free.</source>
            <translation>varg 的用量列表：每个任务的费用以美分计（1 ¢ = $0.01），与你的 Verging 和 Vimmerse 积分分开计算。来自 varg 缓存的结果免费。</translation>
        </message>
        <message>
            <source>varg's usage list could not be read: these are this app's records.</source>
            <translation>无法读取 varg 的用量列表：这里是本应用的记录。</translation>
        </message>
        <message>
            <source>~ marks an estimate: varg has not listed that job yet.</source>
            <translation>~ 表示估算值：varg 尚未列出该任务。</translation>
        </message>
        <message>
            <source>varg cents per day and tool, last %1 days</source>
            <translation>最近 %1 天每天各工具的 varg 美分</translation>
        </message>
        <message>
            <source>Nothing charged by varg in the last %1 days.</source>
            <translation>最近 %1 天 varg 未扣费。</translation>
        </message>
        <message>
            <source>Every provider's spend in US dollars: Verging credits at the price list's rate, %1; varg cents at $0.01.</source>
            <translation>各服务商的花费（美元）：Verging 积分按价格表的汇率计算，%1；varg 美分按 $0.01 计算。</translation>
        </message>
        <message>
            <source>Every provider's spend in US dollars.</source>
            <translation>各服务商的花费（美元）。</translation>
        </message>
        <message>
            <source>%1: its rows show %2 credits, kept out of the dollar total and the chart.</source>
            <translation>%1：其记录显示 %2 积分，不计入美元总额和图表。</translation>
        </message>
        <message>
            <source>%1's usage could not be read: %2</source>
            <translation>无法读取 %1 的用量：%2</translation>
        </message>
        <message>
            <source>%1's job charges are this app's records: its list could not be read.</source>
            <translation>%1 的任务扣费来自本应用的记录：无法读取其列表。</translation>
        </message>
        <message>
            <source>Not included (no key): %1.</source>
            <translation>未包含（无密钥）：%1。</translation>
        </message>
        <message>
            <source>~ marks an estimate: the provider has not reported that charge yet.</source>
            <translation>~ 表示估算值：服务商尚未报告该笔扣费。</translation>
        </message>
        <message>
            <source>Nothing spent in US dollars in the last %1 days.</source>
            <translation>最近 %1 天没有美元花费。</translation>
        </message>
        <message>
            <source>%1 charged %2 (%3).</source>
            <translation>%1 扣除了 %2（%3）。</translation>
        </message>
        <message>
            <source>US dollars per day and provider, last %1 days</source>
            <translation>最近 %1 天每天各服务商的美元花费</translation>
        </message>
        <message>
            <source>No usage recorded for %1 yet.</source>
            <translation>尚无 %1 的用量记录。</translation>
        </message>
        <message>
            <source>No usage recorded yet.</source>
            <translation>尚无用量记录。</translation>
        </message>
        <message>
            <source>(%1 refunded)</source>
            <translation>（已退还 %1）</translation>
        </message>
        <message>
            <source>An estimate: the server has not reported this charge yet.</source>
            <translation>估算值：服务器尚未报告这笔扣费。</translation>
        </message>
        <message>
            <source>cache hit</source>
            <translation>命中缓存</translation>
        </message>
        <message>
            <source>From varg's cache: free.</source>
            <translation>来自 varg 缓存：免费。</translation>
        </message>
        <message>
            <source>An estimate: varg has not listed this job yet.</source>
            <translation>估算值：varg 尚未列出此任务。</translation>
        </message>
        <message>
            <source>An estimate: %1 has not reported this charge yet.</source>
            <translation>估算值：%1 尚未报告这笔扣费。</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n 条记录</numerusform>
            </translation>
        </message>
        <message>
            <source>Page %1 of %2 · %3</source>
            <translation>第 %1 页，共 %2 页 · %3</translation>
        </message>
    </context>
    <context>
        <name>AiDropZone</name>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>From URL…</source>
            <translation>从网址…</translation>
        </message>
        <message>
            <source>Fetch the file from a web address (or paste one here with Ctrl+V)</source>
            <translation>从网址获取文件（也可以在这里按 Ctrl+V 粘贴网址）</translation>
        </message>
        <message>
            <source>Choose a file</source>
            <translation>选择文件</translation>
        </message>
    </context>
    <context>
        <name>AiHandoff</name>
        <message>
            <source>%1 is not available here. The file is saved at %2.</source>
            <translation>此处无法使用“%1”。文件已保存在 %2。</translation>
        </message>
        <message>
            <source>%1 was sent to %2.</source>
            <translation>%1 已发送到“%2”。</translation>
        </message>
        <message>
            <source>%1 was opened in %2.</source>
            <translation>%1 已在“%2”中打开。</translation>
        </message>
        <message>
            <source>%1 cannot take files from other tabs yet: drop %2 there yourself (saved at %3).</source>
            <translation>“%1”暂不能接收其他标签页的文件：请自行将 %2 拖放到那里（已保存在 %3）。</translation>
        </message>
        <message>
            <source>Replace them</source>
            <translation>全部替换</translation>
        </message>
        <message>
            <source>Add to the batch</source>
            <translation>加入批次</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>%1 Using the built-in prices.</source>
            <translation>%1 改用内置价格。</translation>
        </message>
        <message>
            <source>%1 Using %2.</source>
            <comment>an error, then the web address used instead</comment>
            <translation>%1 改用 %2。</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>a notification's title and text, in the status bar</comment>
            <translation>%1：%2</translation>
        </message>
    </context>
    <context>
        <name>AudioResults</name>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <source>Save…</source>
            <translation>保存…</translation>
        </message>
        <message>
            <source>Cannot play the audio: %1</source>
            <translation>无法播放音频：%1</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Save the audio</source>
            <translation>保存音频</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
    </context>
    <context>
        <name>BackgroundRemovalPage</name>
        <message>
            <source>Drop JPG, PNG or WebP images (up to %1 MB each) or a folder</source>
            <translation>拖入 JPG、PNG 或 WebP 图片（每张最大 %1 MB）或文件夹</translation>
        </message>
        <message>
            <source>Verging</source>
            <translation>Verging</translation>
        </message>
        <message>
            <source>varg (background-remover)</source>
            <translation>varg（background-remover）</translation>
        </message>
        <message>
            <source>Who removes the backgrounds; what each costs for the ready images is beside it</source>
            <translation>由谁去除背景；旁边显示各自处理已就绪图片的费用</translation>
        </message>
        <message>
            <source>Images</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>Choose images</source>
            <translation>选择图片</translation>
        </message>
        <message>
            <source>not sent</source>
            <translation>未发送</translation>
        </message>
        <message>
            <source>Make a smaller copy of each image over 10 MB (your files are not changed)</source>
            <translation>为每张超过 10 MB 的图片制作较小的副本（不会改动你的原文件）</translation>
        </message>
        <message>
            <source>Remove backgrounds</source>
            <translation>去除背景</translation>
        </message>
        <message>
            <source>Send every ready image (Ctrl+Enter)</source>
            <translation>发送所有已就绪的图片（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Clear list</source>
            <translation>清空列表</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <source>Save the cut-out as PNG</source>
            <translation>将抠图保存为 PNG</translation>
        </message>
        <message>
            <source>Drop images, remove their backgrounds, and the result shows here over a checkerboard.</source>
            <translation>拖入图片并去除背景，结果会以棋盘格为底显示在这里。</translation>
        </message>
        <message>
            <source> — checking…</source>
            <translation> — 检查中…</translation>
        </message>
        <message>
            <source> — ready</source>
            <translation> — 已就绪</translation>
        </message>
        <message>
            <source> — too large (%1 MB): downscale first</source>
            <translation> — 过大（%1 MB）：请先缩小</translation>
        </message>
        <message>
            <source> — sending…</source>
            <translation> — 发送中…</translation>
        </message>
        <message>
            <source> — may have been sent: see the Job Queue (it looks for the job; not sent again)</source>
            <translation> — 可能已发送：请查看任务队列（它会查找该任务；不会再次发送）</translation>
        </message>
        <message>
            <source>: %1</source>
            <comment>before a job's error</comment>
            <translation>：%1</translation>
        </message>
        <message>
            <source> · charged %1</source>
            <translation> · 已扣费 %1</translation>
        </message>
        <message>
            <source> — not sent: %1</source>
            <translation> — 未发送：%1</translation>
        </message>
        <message>
            <source>varg: up to %1 MB an image</source>
            <translation>varg：每张图片最大 %1 MB</translation>
        </message>
        <message>
            <source>Remove background (%1)</source>
            <translation>去除背景（%1）</translation>
        </message>
        <message numerus="yes">
            <source>Remove %n background(s)</source>
            <translation>
                <numerusform>移除 %n 张图片的背景</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 each</source>
            <translation>每张 %1</translation>
        </message>
        <message>
            <source>Remove backgrounds with varg</source>
            <translation>用 varg 去除背景</translation>
        </message>
        <message>
            <source>Remove background with varg</source>
            <translation>用 varg 去除背景</translation>
        </message>
        <message numerus="yes">
            <source>Downscale %n large image(s) to fit %1 MB</source>
            <translation>
                <numerusform>将 %n 张大图缩小到 %1 MB 以内</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 for %2 images</source>
            <translation>%2 张图片共 %1</translation>
        </message>
        <message>
            <source> (%1 probably free)</source>
            <translation>（%1 张可能免费）</translation>
        </message>
        <message>
            <source>Estimate: %1</source>
            <translation>预估：%1</translation>
        </message>
        <message>
            <source>Add a varg key first (File &gt; Manage API keys, varg tab).</source>
            <translation>请先添加 varg 密钥（文件 &gt; 管理 API 密钥，varg 选项卡）。</translation>
        </message>
        <message>
            <source>Original: %1</source>
            <translation>原图：%1</translation>
        </message>
        <message>
            <source>Not sent yet</source>
            <translation>尚未发送</translation>
        </message>
        <message>
            <source>%1 is already waiting to be sent.</source>
            <translation>%1 已在等待发送。</translation>
        </message>
        <message>
            <source>Remove background</source>
            <translation>去除背景</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s) (is|are) waiting to be sent.</source>
            <translation>
                <numerusform>%n 张图片等待发送。</numerusform>
            </translation>
        </message>
        <message>
            <source> Replace them with %1, or add it to the batch (%2, %3)?</source>
            <translation>要用 %1 替换它们，还是把它加入这一批（%2，%3）？</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s)</source>
            <translation>
                <numerusform>%n 张图片</numerusform>
            </translation>
        </message>
        <message>
            <source> Replace them with the %1 opened, or add those to the batch (%2, %3)?</source>
            <translation>要用打开的 %1 张替换它们，还是把它们加入这一批（%2，%3）？</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>再次发送</translation>
        </message>
        <message>
            <source>Send %1 again as a new job? It costs %2.</source>
            <translation>要将 %1 作为新任务再次发送吗？费用为 %2。</translation>
        </message>
    </context>
    <context>
        <name>BusyBar</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop this call now (Esc)</source>
            <translation>立即停止此次调用 (Esc)</translation>
        </message>
    </context>
    <context>
        <name>BuyCreditsDialog</name>
        <message>
            <source>Buy credits</source>
            <translation>购买积分</translation>
        </message>
        <message>
            <source>Credits are bought on verging.ai. The page is opening in your web browser; if no browser window appeared, copy this address into one:</source>
            <translation>积分需在 verging.ai 上购买。页面正在你的网页浏览器中打开；如果没有出现浏览器窗口，请把以下地址复制到浏览器中：</translation>
        </message>
        <message>
            <source>No web browser could be opened from here. Credits are bought on verging.ai: copy this address into a browser:</source>
            <translation>无法从这里打开网页浏览器。积分需在 verging.ai 上购买：请把以下地址复制到浏览器中：</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Copy the address to the clipboard</source>
            <translation>把地址复制到剪贴板</translation>
        </message>
        <message>
            <source>Copied. Paste it into your browser's address bar.</source>
            <translation>已复制。请粘贴到浏览器的地址栏中。</translation>
        </message>
    </context>
    <context>
        <name>CallRunner</name>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
    </context>
    <context>
        <name>ChatTab</name>
        <message>
            <source>*No messages yet.* Type below and press **Send** (Ctrl+Enter). Replies stream in as they are written; **Stop** (Esc) ends a reply at once and keeps what arrived.</source>
            <translation>*还没有消息。* 在下方输入并按 **发送**（Ctrl+Enter）。回复会边写边显示；**停止**（Esc）会立即结束回复并保留已收到的内容。</translation>
        </message>
        <message>
            <source>#### You</source>
            <translation>#### 你</translation>
        </message>
        <message>
            <source>%1 in + %2 out tokens</source>
            <translation>输入 %1 + 输出 %2 个 token</translation>
        </message>
        <message>
            <source>, estimated here</source>
            <translation>，本地估算</translation>
        </message>
        <message>
            <source>, counted by Verging</source>
            <translation>，由 Verging 统计</translation>
        </message>
        <message>
            <source>about %1</source>
            <translation>约 %1</translation>
        </message>
        <message>
            <source>stopped, the part that arrived is kept</source>
            <translation>已停止，已收到的部分会保留</translation>
        </message>
        <message>
            <source>error: %1</source>
            <translation>错误：%1</translation>
        </message>
        <message>
            <source>#### Assistant</source>
            <translation>#### 助手</translation>
        </message>
        <message>
            <source>&lt;b&gt;Conversations&lt;/b&gt;</source>
            <translation>&lt;b&gt;对话&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Saved conversations appear here.</source>
            <translation>保存的对话会显示在这里。</translation>
        </message>
        <message>
            <source>New</source>
            <comment>a new conversation</comment>
            <translation>新建</translation>
        </message>
        <message>
            <source>Start a new conversation (Ctrl+N)</source>
            <translation>开始新对话（Ctrl+N）</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>重命名</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>0 is focused and repeatable; 2 is very random</source>
            <translation>0 表示专注且可重复；2 表示非常随机</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>不限</translation>
        </message>
        <message>
            <source>The longest reply, in tokens (about 4 characters each)</source>
            <translation>回复的最大长度，以 token 计（每个约 4 个字符）</translation>
        </message>
        <message>
            <source>Model</source>
            <comment>the AI model</comment>
            <translation>模型</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>温度</translation>
        </message>
        <message>
            <source>Max tokens</source>
            <translation>最大 token 数</translation>
        </message>
        <message>
            <source>System prompt (optional): how the assistant should behave, e.g. 'Answer in two sentences.'</source>
            <translation>系统提示词（可选）：助手应如何表现，例如“用两句话回答。”</translation>
        </message>
        <message>
            <source>Stop</source>
            <comment>stop the reply</comment>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop the reply now; what arrived is kept (Esc)</source>
            <translation>立即停止回复；已收到的内容会保留（Esc）</translation>
        </message>
        <message>
            <source>Message…  (Ctrl+Enter to send)</source>
            <translation>消息…（Ctrl+Enter 发送）</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <source>Send (Ctrl+Enter)</source>
            <translation>发送（Ctrl+Enter）</translation>
        </message>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete conversation</source>
            <translation>删除对话</translation>
        </message>
        <message>
            <source>Delete '%1' and its %2 messages from this computer?</source>
            <translation>要从这台电脑上删除“%1”及其 %2 条消息吗？</translation>
        </message>
        <message>
            <source>This conversation: %1</source>
            <translation>本次对话：%1</translation>
        </message>
        <message>
            <source>Next reply: about &lt;b&gt;%1&lt;/b&gt; (~%2 input tokens, up to %3 output tokens)</source>
            <translation>下一条回复：约 &lt;b&gt;%1&lt;/b&gt;（输入约 %2 个 token，输出最多 %3 个 token）</translation>
        </message>
        <message>
            <source>Next reply: about &lt;b&gt;%1&lt;/b&gt; (~%2 input tokens, about %3 output tokens)</source>
            <translation>下一条回复：约 &lt;b&gt;%1&lt;/b&gt;（输入约 %2 个 token，输出约 %3 个 token）</translation>
        </message>
        <message>
            <source> · needs a balance of %1</source>
            <translation> · 需要余额 %1</translation>
        </message>
        <message>
            <source> · balance %1</source>
            <translation> · 余额 %1</translation>
        </message>
        <message>
            <source>Type a message first.</source>
            <translation>请先输入消息。</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>正在发送…</translation>
        </message>
        <message>
            <source>Asking again…</source>
            <translation>正在重新请求…</translation>
        </message>
        <message>
            <source>Writing…</source>
            <translation>正在撰写…</translation>
        </message>
        <message>
            <source>Stopped. The part of the reply that arrived is kept; the server bills the tokens it sent (the balance is read again).</source>
            <translation>已停止。已收到的回复部分会保留；服务器按已发送的 token 计费（已重新读取余额）。</translation>
        </message>
        <message>
            <source>The conversation could not be saved: %1</source>
            <translation>无法保存对话：%1</translation>
        </message>
    </context>
    <context>
        <name>ClipGallery</name>
        <message>
            <source>No clips yet.</source>
            <translation>还没有片段。</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <source>Play or pause the selected clip (Space; Enter or a double click plays)</source>
            <translation>播放或暂停所选片段（空格键；回车或双击播放）</translation>
        </message>
        <message>
            <source>Loop</source>
            <translation>循环</translation>
        </message>
        <message>
            <source>Play the clip again and again</source>
            <translation>循环播放此片段</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Save a copy of the selected clip where you choose</source>
            <translation>将所选片段的副本保存到你选择的位置</translation>
        </message>
        <message>
            <source>Save all…</source>
            <translation>全部保存…</translation>
        </message>
        <message>
            <source>Copy every clip into a folder you choose (nothing there is replaced)</source>
            <translation>将所有片段复制到你选择的文件夹（不会覆盖其中已有的文件）</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Show the selected clip's folder</source>
            <translation>显示所选片段所在的文件夹</translation>
        </message>
        <message>
            <source>Send to</source>
            <translation>发送到</translation>
        </message>
        <message>
            <source>Open the selected clip in another tool</source>
            <translation>在其他工具中打开所选片段</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>The selected clip. Space plays or pauses it.</source>
            <translation>所选片段。按空格键播放或暂停。</translation>
        </message>
        <message>
            <source>Save…</source>
            <translation>保存…</translation>
        </message>
        <message>
            <source>Send to %1</source>
            <translation>发送到%1</translation>
        </message>
        <message>
            <source>Save the clip as</source>
            <translation>将片段另存为</translation>
        </message>
        <message>
            <source>MP4 video (*.mp4)</source>
            <translation>MP4 视频 (*.mp4)</translation>
        </message>
        <message>
            <source>Could not save the clip: %1</source>
            <translation>无法保存片段：%1</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Save every clip into a folder</source>
            <translation>将所有片段保存到文件夹</translation>
        </message>
        <message>
            <source>Could not save %1: %2</source>
            <translation>无法保存 %1：%2</translation>
        </message>
        <message numerus="yes">
            <source>Saved %n clip(s) to %1</source>
            <translation>
                <numerusform>已将 %n 个片段保存到 %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CompareCanvas</name>
        <message>
            <source>Nothing to compare yet</source>
            <translation>暂无可对比的内容</translation>
        </message>
        <message>
            <source>Waiting for the result…</source>
            <translation>正在等待结果…</translation>
        </message>
        <message>
            <source>Original</source>
            <translation>原始</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Result (hold to see the original)</source>
            <translation>结果（按住查看原始）</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>Wipe</source>
            <translation>滑动对比</translation>
        </message>
        <message>
            <source>Side by side</source>
            <translation>并排</translation>
        </message>
        <message>
            <source>Toggle</source>
            <translation>切换</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>适应</translation>
        </message>
        <message>
            <source>Hold for original</source>
            <translation>按住看原始</translation>
        </message>
        <message>
            <source>Press and hold to see the original in place of the result (\)</source>
            <translation>按住可在结果的位置查看原始画面 (\)</translation>
        </message>
        <message>
            <source>Zoom:</source>
            <translation>缩放：</translation>
        </message>
        <message>
            <source>Zoom on the same region of both (Ctrl+wheel; double-click a point; drag to pan)</source>
            <translation>同时缩放两者的同一区域（Ctrl+滚轮；双击某点；拖动平移）</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <source>Play / pause (Space)</source>
            <translation>播放 / 暂停（空格键）</translation>
        </message>
        <message>
            <source>One frame back (Left)</source>
            <translation>后退一帧（左方向键）</translation>
        </message>
        <message>
            <source>One frame forward (Right)</source>
            <translation>前进一帧（右方向键）</translation>
        </message>
        <message>
            <source>Start the loop selection here (I)</source>
            <translation>从此处开始循环选区 (I)</translation>
        </message>
        <message>
            <source>End the loop selection here (O)</source>
            <translation>在此处结束循环选区 (O)</translation>
        </message>
        <message>
            <source>Loop</source>
            <translation>循环</translation>
        </message>
        <message>
            <source>Loop the selection (L); without a selection, the whole clip</source>
            <translation>循环播放选区 (L)；没有选区时循环整个片段</translation>
        </message>
        <message>
            <source>Sound</source>
            <translation>声音</translation>
        </message>
        <message>
            <source>Play the result's sound</source>
            <translation>播放结果的声音</translation>
        </message>
        <message>
            <source>Play the original's sound</source>
            <translation>播放原始的声音</translation>
        </message>
        <message>
            <source>Nothing to compare yet</source>
            <translation>暂无可对比的内容</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
    </context>
    <context>
        <name>CostBar</name>
        <message>
            <source>Buy credits</source>
            <translation>购买积分</translation>
        </message>
        <message numerus="yes">
            <source>%n %1 credit(s)</source>
            <translation>
                <numerusform>%n %1 积分</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 %2 credits</source>
            <comment>a fractional amount in a provider's credits: always the plural form</comment>
            <translation>%1 %2 积分</translation>
        </message>
        <message>
            <source>Cost: %1</source>
            <translation>费用：%1</translation>
        </message>
        <message>
            <source>Cost:</source>
            <translation>费用：</translation>
        </message>
        <message>
            <source>Balance: %1</source>
            <translation>余额：%1</translation>
        </message>
        <message>
            <source>Balance: unknown</source>
            <translation>余额：未知</translation>
        </message>
        <message>
            <source>not enough credits: %1 short</source>
            <translation>积分不足：还差 %1</translation>
        </message>
        <message>
            <source>(after: %1)</source>
            <translation>（扣除后：%1）</translation>
        </message>
    </context>
    <context>
        <name>Counts</name>
        <message numerus="yes">
            <source>%n job(s)</source>
            <translation>
                <numerusform>%n 个任务</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n varg job(s)</source>
            <translation>
                <numerusform>%n 个 varg 任务</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n image(s)</source>
            <translation>
                <numerusform>%n 张图片</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n part(s)</source>
            <translation>
                <numerusform>%n 段</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n face(s)</source>
            <translation>
                <numerusform>%n 张人脸</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n video(s)</source>
            <translation>
                <numerusform>%n 个视频</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n clip(s)</source>
            <translation>
                <numerusform>%n 个片段</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n 秒</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Credits</name>
        <message numerus="yes">
            <source>%n credit(s)</source>
            <translation>
                <numerusform>%n 积分</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 credits</source>
            <comment>a fractional amount: always the plural form</comment>
            <translation>%1 积分</translation>
        </message>
        <message numerus="yes">
            <source>%n Vimmerse credit(s)</source>
            <translation>
                <numerusform>%n Vimmerse 积分</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 Vimmerse credits</source>
            <comment>a fractional amount: always the plural form</comment>
            <translation>%1 Vimmerse 积分</translation>
        </message>
    </context>
    <context>
        <name>DropZone</name>
        <message>
            <source>Images (*.jpg *.jpeg *.png *.webp);;All files (*)</source>
            <translation>图像 (*.jpg *.jpeg *.png *.webp);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Videos (*.mp4 *.mov *.m4v *.mkv *.webm *.avi);;All files (*)</source>
            <translation>视频 (*.mp4 *.mov *.m4v *.mkv *.webm *.avi);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Drop files here</source>
            <translation>将文件拖放到此处</translation>
        </message>
        <message>
            <source>Drop a file here</source>
            <translation>将文件拖放到此处</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>Remove the file(s) from this slot</source>
            <translation>从此处移除文件</translation>
        </message>
        <message>
            <source>From URL…</source>
            <translation>从网址…</translation>
        </message>
        <message>
            <source>Fetch a video or image from a web address (or paste one here with Ctrl+V)</source>
            <translation>从网址获取视频或图片（也可以在这里按 Ctrl+V 粘贴网址）</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <source>Something went wrong</source>
            <translation>出错了</translation>
        </message>
        <message>
            <source>Verging Desktop hit an unexpected error. Your work in other tabs is not affected.</source>
            <translation>Verging Desktop 遇到意外错误。其他标签页中的工作不受影响。</translation>
        </message>
        <message>
            <source>Show details</source>
            <translation>显示详细信息</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>复制详细信息</translation>
        </message>
        <message>
            <source>Hide details</source>
            <translation>隐藏详细信息</translation>
        </message>
        <message numerus="yes">
            <source>(%n error(s) so far; all are in the details.)</source>
            <translation>
                <numerusform>（目前共 %n 个错误，均已列在详细信息中。）</numerusform>
            </translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
    </context>
    <context>
        <name>ErrorLine</name>
        <message>
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>%1 in %2 s</source>
            <comment>a retry button's countdown</comment>
            <translation>%1（%2 秒后）</translation>
        </message>
    </context>
    <context>
        <name>FaceSwapPage</name>
        <message>
            <source>Swap face</source>
            <translation>换脸</translation>
        </message>
        <message>
            <source>Retry the face swap of %1 on the server? It charges again: about %2.</source>
            <translation>要在服务器上重试 %1 的换脸吗？将再次扣费：约 %2。</translation>
        </message>
        <message>
            <source>The face image of this job is no longer on this computer.</source>
            <translation>此任务的人脸图片已不在这台电脑上。</translation>
        </message>
        <message>
            <source>Retry of %1 failed: %2</source>
            <translation>重试 %1 失败：%2</translation>
        </message>
    </context>
    <context>
        <name>FileOpener</name>
        <message>
            <source>%1 is not available here: %2 was not opened.</source>
            <translation>%1 在此不可用：未打开 %2。</translation>
        </message>
    </context>
    <context>
        <name>GenerateVideoPage</name>
        <message>
            <source>I have the right to use the people in these images</source>
            <translation>我有权使用这些图片中的人物</translation>
        </message>
        <message>
            <source>Reference images</source>
            <translation>参考图片</translation>
        </message>
        <message>
            <source>Image + effect</source>
            <translation>图片 + 特效</translation>
        </message>
        <message>
            <source>Video + prompt</source>
            <translation>视频 + 提示词</translation>
        </message>
        <message>
            <source>Vimmerse · clips from images, an effect, or a video restyled</source>
            <translation>Vimmerse · 用图片、特效生成片段，或为视频换风格</translation>
        </message>
        <message>
            <source>varg · Kling, Seedance, Wan, MiniMax, LTX</source>
            <translation>varg · Kling、Seedance、Wan、MiniMax、LTX</translation>
        </message>
        <message>
            <source>Drop one image or several (JPG, PNG, WebP)</source>
            <translation>拖放一张或多张图片（JPG、PNG、WebP）</translation>
        </message>
        <message>
            <source>Choose reference images</source>
            <translation>选择参考图片</translation>
        </message>
        <message>
            <source>not added</source>
            <translation>未添加</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Drop the photo to animate</source>
            <translation>拖放要制作动画的照片</translation>
        </message>
        <message>
            <source>Second person</source>
            <translation>第二个人</translation>
        </message>
        <message>
            <source>Drop a photo of the second person</source>
            <translation>拖放第二个人的照片</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Drop the video to restyle</source>
            <translation>拖放要换风格的视频</translation>
        </message>
        <message>
            <source>Reference image</source>
            <translation>参考图片</translation>
        </message>
        <message>
            <source>Optional: an image of the look you want</source>
            <translation>可选：一张体现你想要效果的图片</translation>
        </message>
        <message>
            <source>Describe the clip: who, what happens, the camera, the light…  (Ctrl+Enter)</source>
            <translation>描述片段：人物、情节、镜头、光线……（Ctrl+Enter）</translation>
        </message>
        <message>
            <source> s</source>
            <comment>the suffix of a length in seconds</comment>
            <translation> 秒</translation>
        </message>
        <message>
            <source>How long each clip is (1 to 30 seconds; billed in 5-second blocks)</source>
            <translation>每个片段的时长（1 到 30 秒；按 5 秒为单位计费）</translation>
        </message>
        <message>
            <source>The clip's shape as W:H; type another, e.g. 2:1</source>
            <translation>片段的画面比例（宽:高）；可输入其他比例，例如 2:1</translation>
        </message>
        <message>
            <source>How many clips to make (1 to 4); each is charged</source>
            <translation>要生成的片段数量（1 到 4 个）；每个单独计费</translation>
        </message>
        <message>
            <source>Effect</source>
            <translation>特效</translation>
        </message>
        <message>
            <source>Family</source>
            <comment>a family of effects</comment>
            <translation>特效系列</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Length</source>
            <comment>a clip's duration</comment>
            <translation>时长</translation>
        </message>
        <message>
            <source>Ratio</source>
            <comment>aspect ratio</comment>
            <translation>比例</translation>
        </message>
        <message>
            <source>Clips</source>
            <comment>how many clips</comment>
            <translation>片段数</translation>
        </message>
        <message>
            <source>Your clips appear here: every clip made in this session, newest first.</source>
            <translation>生成的片段会显示在这里：本次会话中生成的每个片段，最新的在最前。</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>Make clips from:</source>
            <translation>生成片段的依据：</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Optional: add details to the effect…  (Ctrl+Enter)</source>
            <translation>可选：为特效补充细节……（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Describe how the video should change, e.g. make it a watercolour painting  (Ctrl+Enter)</source>
            <translation>描述视频要如何改变，例如变成水彩画（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>%1 cannot be shown as an image.</source>
            <translation>%1 无法作为图片显示。</translation>
        </message>
        <message>
            <source>%1×%2 preview</source>
            <translation>%1×%2 预览</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s)</source>
            <translation>
                <numerusform>%n 张图片</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n image(s) in this order</source>
            <translation>
                <numerusform>%n 张图片，按此顺序</numerusform>
            </translation>
        </message>
        <message>
            <source>The length is %1 s: Vimmerse makes clips of 1 to 30 seconds.</source>
            <translation>时长为 %1 秒：Vimmerse 只能生成 1 到 30 秒的片段。</translation>
        </message>
        <message>
            <source>Checking the images…</source>
            <translation>正在检查图片…</translation>
        </message>
        <message>
            <source>Drop one or more reference images.</source>
            <translation>请拖放一张或多张参考图片。</translation>
        </message>
        <message>
            <source>a photo to animate</source>
            <translation>要制作动画的照片</translation>
        </message>
        <message>
            <source>a photo of the second person (%1 animates two people)</source>
            <translation>第二个人的照片（%1 需要两个人）</translation>
        </message>
        <message>
            <source>The same photo is in both places: %1 animates two people, so drop a photo of the second person.</source>
            <translation>两处是同一张照片：%1 需要两个人，请拖放第二个人的照片。</translation>
        </message>
        <message>
            <source>a video to restyle</source>
            <translation>要换风格的视频</translation>
        </message>
        <message numerus="yes">
            <source>%n clip(s)</source>
            <translation>
                <numerusform>%n 个片段</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 restyled</source>
            <translation>%1（换风格）</translation>
        </message>
        <message>
            <source>%1 s, %2, %3</source>
            <translation>%1 秒，%2，%3</translation>
        </message>
        <message>
            <source>%1–%2 s, %3</source>
            <translation>%1–%2 秒，%3</translation>
        </message>
        <message>
            <source>Tick the box to confirm you have the right to use the people in these images.</source>
            <translation>请勾选复选框，确认你有权使用这些图片中的人物。</translation>
        </message>
        <message numerus="yes">
            <source>%n clip(s)</source>
            <comment>the clips box: the number and its noun</comment>
            <translation>
                <numerusform>%n 个片段</numerusform>
            </translation>
        </message>
        <message>
            <source>Vimmerse: needs reference images</source>
            <translation>Vimmerse：需要参考图片</translation>
        </message>
        <message>
            <source>Vimmerse: needs a photo to animate</source>
            <translation>Vimmerse：需要一张要制作动画的照片</translation>
        </message>
        <message>
            <source>Vimmerse: needs a video to restyle</source>
            <translation>Vimmerse：需要一个要换风格的视频</translation>
        </message>
        <message>
            <source>Vimmerse has no text-to-video</source>
            <translation>Vimmerse 不支持文字生成视频</translation>
        </message>
        <message>
            <source>Vimmerse makes clips from reference images, from a photo and an effect, or restyles a video: choose Vimmerse to drop them; then its cost shows here beside varg's.</source>
            <translation>Vimmerse 可用参考图片、照片加特效生成片段，或为视频换风格：选择 Vimmerse 后拖放文件，它的费用就会显示在 varg 的旁边。</translation>
        </message>
        <message numerus="yes">
            <source>Generate %n clip(s) (%1)</source>
            <translation>
                <numerusform>生成 %n 个片段（%1）</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>GoToPopup</name>
        <message>
            <source>Go to tool…</source>
            <translation>转到工具…</translation>
        </message>
        <message>
            <source>Go to tool</source>
            <translation>转到工具</translation>
        </message>
        <message>
            <source>No tool matches '%1'</source>
            <translation>没有与“%1”匹配的工具</translation>
        </message>
    </context>
    <context>
        <name>ImageGenerationTab</name>
        <message>
            <source>Describe the image: subject, style, light, colours…  (Ctrl+Enter to generate)</source>
            <translation>描述图片：主体、风格、光线、色彩……（Ctrl+Enter 生成）</translation>
        </message>
        <message>
            <source>Verging (gpt-image-1)</source>
            <translation>Verging（gpt-image-1）</translation>
        </message>
        <message>
            <source>varg</source>
            <translation>varg</translation>
        </message>
        <message>
            <source>Who makes the image; what each costs for these settings is beside it</source>
            <translation>由谁生成图片；各自在当前设置下的费用标在旁边</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>服务商</translation>
        </message>
        <message>
            <source>gpt-image-1</source>
            <translation>gpt-image-1</translation>
        </message>
        <message>
            <source>auto</source>
            <comment>image size</comment>
            <translation>自动</translation>
        </message>
        <message>
            <source>auto</source>
            <comment>image quality</comment>
            <translation>自动</translation>
        </message>
        <message>
            <source>standard</source>
            <comment>image quality</comment>
            <translation>标准</translation>
        </message>
        <message>
            <source>hd</source>
            <comment>image quality</comment>
            <translation>高清</translation>
        </message>
        <message>
            <source>auto and standard cost the same; HD costs more</source>
            <translation>自动和标准价格相同；高清更贵</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>尺寸</translation>
        </message>
        <message>
            <source>Quality</source>
            <translation>质量</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Optional: drop an image here</source>
            <translation>可选：将图片拖放到这里</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.webp);;All files (*)</source>
            <translation>图片 (*.png *.jpg *.jpeg *.webp);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Reference image (varg)</source>
            <translation>参考图片（varg）</translation>
        </message>
        <message>
            <source>Aspect ratio</source>
            <translation>宽高比</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>参考图</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Generate (Ctrl+Enter)</source>
            <translation>生成（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>&lt;b&gt;This session's images&lt;/b&gt;</source>
            <translation>&lt;b&gt;本次会话的图片&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No images yet. Write a prompt and press Generate; every image you make in this session stays here, newest first.</source>
            <translation>还没有图片。写下提示词并点击“生成”；本次会话中生成的每张图片都会保留在这里，最新的在最前。</translation>
        </message>
        <message>
            <source>View</source>
            <translation>查看</translation>
        </message>
        <message>
            <source>Save…</source>
            <translation>保存…</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Use as face</source>
            <translation>用作人脸</translation>
        </message>
        <message>
            <source>Remove background</source>
            <translation>去除背景</translation>
        </message>
        <message>
            <source>Ask Vision</source>
            <translation>询问视觉</translation>
        </message>
        <message>
            <source>Show the image large (double-click)</source>
            <translation>放大显示图片（双击）</translation>
        </message>
        <message>
            <source>Save a copy where you choose</source>
            <translation>将副本保存到指定位置</translation>
        </message>
        <message>
            <source>Copy the image to the clipboard</source>
            <translation>将图片复制到剪贴板</translation>
        </message>
        <message>
            <source>Use this image as the face in %1</source>
            <translation>在“%1”中将此图片用作人脸</translation>
        </message>
        <message>
            <source>Cut the subject out in %1</source>
            <translation>在“%1”中抠出主体</translation>
        </message>
        <message>
            <source>Ask a question about it in %1</source>
            <translation>在“%1”中就此图片提问</translation>
        </message>
        <message>
            <source>%1 takes no reference image.</source>
            <translation>%1 不接受参考图。</translation>
        </message>
        <message numerus="yes">
            <source> image(s)</source>
            <comment>the Count box's suffix after %n</comment>
            <translation>
                <numerusform> 张</numerusform>
            </translation>
        </message>
        <message>
            <source>Estimate: &lt;b&gt;%1&lt;/b&gt; (%2), about $%3</source>
            <translation>预估：&lt;b&gt;%1&lt;/b&gt;（%2），约 $%3</translation>
        </message>
        <message>
            <source> · balance %1</source>
            <translation> · 余额 %1</translation>
        </message>
        <message>
            <source>(more than your balance)</source>
            <translation>（超出您的余额）</translation>
        </message>
        <message>
            <source>Last generation charged &lt;b&gt;%1&lt;/b&gt;.</source>
            <translation>上次生成扣费 &lt;b&gt;%1&lt;/b&gt;。</translation>
        </message>
        <message>
            <source>Generate with varg</source>
            <translation>使用 varg 生成</translation>
        </message>
        <message numerus="yes">
            <source>Generate %n image(s)</source>
            <translation>
                <numerusform>生成 %n 张图片</numerusform>
            </translation>
        </message>
        <message>
            <source>Write a prompt first: describe the image you want.</source>
            <translation>请先写提示词：描述您想要的图片。</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s) made</source>
            <translation>
                <numerusform>已生成 %n 张图片</numerusform>
            </translation>
        </message>
        <message>
            <source>; charged %1 (estimated %2).</source>
            <translation>；扣费 %1（预估 %2）。</translation>
        </message>
        <message numerus="yes">
            <source>Generating %n image(s)</source>
            <translation>
                <numerusform>正在生成 %n 张图片</numerusform>
            </translation>
        </message>
        <message>
            <source>Add a varg key first (File &gt; Manage API keys, varg tab), or choose Verging.</source>
            <translation>请先添加 varg 密钥（文件 &gt; 管理 API 密钥，varg 选项卡），或选择 Verging。</translation>
        </message>
        <message>
            <source>%1 Nothing was sent.</source>
            <translation>%1 未发送任何内容。</translation>
        </message>
        <message>
            <source>Use a smaller copy</source>
            <translation>使用较小的副本</translation>
        </message>
        <message>
            <source>Making a smaller copy of %1…</source>
            <translation>正在制作 %1 的较小副本…</translation>
        </message>
        <message>
            <source>No smaller copy could be made: %1</source>
            <translation>无法制作较小的副本：%1</translation>
        </message>
        <message>
            <source>The reference is now %1, a smaller copy (%2 MB) of %3.</source>
            <translation>参考图现在是 %1，即 %3 的较小副本（%2 MB）。</translation>
        </message>
        <message>
            <source>1 image made with varg %1.</source>
            <translation>已用 varg %1 生成 1 张图片。</translation>
        </message>
        <message>
            <source>%1, %2 quality</source>
            <translation>%1，%2 质量</translation>
        </message>
        <message>
            <source>&lt;b&gt;This session's images&lt;/b&gt; (%1)</source>
            <translation>&lt;b&gt;本次会话的图片&lt;/b&gt;（%1）</translation>
        </message>
        <message>
            <source>Ask %1 about it</source>
            <translation>在“%1”中提问</translation>
        </message>
        <message>
            <source>Save image</source>
            <translation>保存图片</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.webp)</source>
            <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
        </message>
        <message>
            <source>Could not save the image: %1</source>
            <translation>无法保存图片：%1</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>The image could not be read from disk.</source>
            <translation>无法从磁盘读取该图片。</translation>
        </message>
        <message>
            <source>Image copied to the clipboard.</source>
            <translation>图片已复制到剪贴板。</translation>
        </message>
    </context>
    <context>
        <name>ImageList</name>
        <message>
            <source>Move the selected image earlier (Ctrl+Left)</source>
            <translation>将所选图片前移（Ctrl+Left）</translation>
        </message>
        <message>
            <source>Move the selected image later (Ctrl+Right)</source>
            <translation>将所选图片后移（Ctrl+Right）</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Take the selected image out (Delete)</source>
            <translation>移除所选图片（Delete）</translation>
        </message>
        <message>
            <source>%1 of %2: %3</source>
            <translation>第 %1 张，共 %2 张：%3</translation>
        </message>
        <message>
            <source>Drag to reorder; Delete removes it.</source>
            <translation>拖动可调整顺序；按 Delete 移除。</translation>
        </message>
    </context>
    <context>
        <name>Images</name>
        <message>
            <source>%1 is not a readable image: its %2 data is damaged or incomplete.</source>
            <translation>%1 不是可读取的图片：其 %2 数据已损坏或不完整。</translation>
        </message>
        <message>
            <source>%1 cannot be decoded: %2</source>
            <translation>无法解码 %1：%2</translation>
        </message>
        <message>
            <source>Could not write a smaller copy of %1 to %2.</source>
            <translation>无法将 %1 的缩小副本写入 %2。</translation>
        </message>
        <message>
            <source>downscaled from %1 to %2 (%3 MB)</source>
            <translation>已从 %1 缩小到 %2（%3 MB）</translation>
        </message>
        <message>
            <source>%1 could not be made smaller than %2 MB.</source>
            <translation>无法将 %1 缩小到 %2 MB 以下。</translation>
        </message>
        <message>
            <source>Could not write %1.</source>
            <translation>无法写入 %1。</translation>
        </message>
    </context>
    <context>
        <name>JobQueueDock</name>
        <message>
            <source>Loading the job queue…</source>
            <translation>正在加载任务队列…</translation>
        </message>
    </context>
    <context>
        <name>JobTableModel</name>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>Tool</source>
            <translation>工具</translation>
        </message>
        <message>
            <source>Input</source>
            <translation>输入</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Credits</source>
            <translation>积分</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>（无名称）</translation>
        </message>
        <message>
            <source>Input: %1</source>
            <translation>输入：%1</translation>
        </message>
        <message>
            <source>Face: %1</source>
            <translation>人脸：%1</translation>
        </message>
        <message>
            <source>Time: %1</source>
            <translation>时间：%1</translation>
        </message>
        <message>
            <source>Credits: %1</source>
            <translation>积分：%1</translation>
        </message>
        <message numerus="yes">
            <source>Saved %n result(s): %1</source>
            <translation>
                <numerusform>已保存 %n 个结果：%1</numerusform>
            </translation>
        </message>
        <message>
            <source>In: %1</source>
            <translation>位置：%1</translation>
        </message>
        <message>
            <source>Saved as: %1</source>
            <translation>已保存为：%1</translation>
        </message>
        <message>
            <source>(removed)</source>
            <translation>（已移除）</translation>
        </message>
        <message>
            <source>Uploading… %1 %</source>
            <translation>正在上传… %1 %</translation>
        </message>
        <message>
            <source>Uploading…</source>
            <translation>正在上传…</translation>
        </message>
        <message>
            <source>about %1 s left</source>
            <translation>还需约 %1 秒</translation>
        </message>
        <message>
            <source>A picture of the input (the face, for a face swap)</source>
            <translation>输入的图片（换脸任务为人脸）</translation>
        </message>
    </context>
    <context>
        <name>JobWatcher</name>
        <message>
            <source>The job queue is not available.</source>
            <translation>任务队列不可用。</translation>
        </message>
    </context>
    <context>
        <name>KeysAccess</name>
        <message>
            <source>varg is one gateway to the video, image, speech and music models of Fal, ElevenLabs, Higgsfield and Replicate. It bills in cents from your varg balance (a repeated request is free from its cache).</source>
            <translation>varg 是通往 Fal、ElevenLabs、Higgsfield 和 Replicate 的视频、图像、语音和音乐模型的统一网关。它从你的 varg 余额中按美分计费（重复的请求由其缓存免费提供）。</translation>
        </message>
        <message>
            <source>its account route, nothing is charged</source>
            <translation>通过其账户接口，不产生任何费用</translation>
        </message>
        <message>
            <source>varg.ai, API keys</source>
            <translation>varg.ai 的“API 密钥”页</translation>
        </message>
        <message>
            <source>Vimmerse runs Reframe &amp; Crop, Lip Sync, Replace Background, Sound, Generate Video and the Vimmerse modes of Video Enhance. It bills in its own Vimmerse credits, separately from your Verging credits.</source>
            <translation>Vimmerse 负责重构与裁剪、口型同步、替换背景、音效、生成视频以及视频增强的 Vimmerse 模式。它以自己的 Vimmerse 积分计费，与你的 Verging 积分分开。</translation>
        </message>
        <message>
            <source>a free price estimate</source>
            <translation>一次免费的价格估算</translation>
        </message>
        <message>
            <source>vimmerse.net, API keys</source>
            <translation>vimmerse.net 的“API 密钥”页</translation>
        </message>
    </context>
    <context>
        <name>KeysDialog</name>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Manage API keys</source>
            <translation>管理 API 密钥</translation>
        </message>
        <message>
            <source>&lt;b&gt;Sandbox mode needs no key&lt;/b&gt;: it uses a demo account on this computer. A key you add here is for your Verging account: no server is asked now; it is checked with the Verging server when you leave the sandbox (Account ▸ Leave the sandbox).</source>
            <translation>&lt;b&gt;沙盒模式无需密钥&lt;/b&gt;：它使用本机上的演示账户。在这里添加的密钥属于你的 Verging 账户：现在不会询问任何服务器；退出沙盒时（账户 ▸ 退出沙盒）才会由 Verging 服务器验证。</translation>
        </message>
        <message>
            <source>Profiles on this computer</source>
            <translation>本机上的配置</translation>
        </message>
        <message>
            <source>Use this key</source>
            <translation>使用此密钥</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>移除…</translation>
        </message>
        <message>
            <source>Add a key</source>
            <translation>添加密钥</translation>
        </message>
        <message>
            <source>a name for this key, e.g. personal or studio</source>
            <translation>为此密钥取个名字，例如 personal 或 studio</translation>
        </message>
        <message>
            <source>paste the key (vrg_sk_…)</source>
            <translation>粘贴密钥（vrg_sk_…）</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Show or hide the key while you check it</source>
            <translation>核对密钥时显示或隐藏它</translation>
        </message>
        <message>
            <source>Use for this session only (not stored; forgotten when you quit)</source>
            <translation>仅在本次会话中使用（不保存；退出时忘记）</translation>
        </message>
        <message>
            <source>Validate and save</source>
            <translation>验证并保存</translation>
        </message>
        <message>
            <source>Use for this session only</source>
            <translation>仅在本次会话中使用</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>密钥</translation>
        </message>
        <message>
            <source>Keys on your account</source>
            <translation>你账户中的密钥</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <source>Last used</source>
            <translation>上次使用</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Revoke…</source>
            <translation>撤销…</translation>
        </message>
        <message>
            <source>Verging</source>
            <comment>a provider's name</comment>
            <translation>Verging</translation>
        </message>
        <message>
            <source>Vimmerse</source>
            <comment>a provider's name</comment>
            <translation>Vimmerse</translation>
        </message>
        <message>
            <source>varg</source>
            <comment>a provider's name</comment>
            <translation>varg</translation>
        </message>
        <message>
            <source>Add a key to see the keys of your account.</source>
            <translation>添加密钥后即可查看你账户中的密钥。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Your system keyring is not available&lt;/b&gt;: %1. Verging Desktop never writes API keys to a file, so a key you add now can be used &lt;b&gt;for this session only&lt;/b&gt;: it is kept in memory and forgotten when you quit.</source>
            <translation>&lt;b&gt;系统密钥环不可用&lt;/b&gt;：%1。Verging Desktop 绝不会把 API 密钥写入文件，因此现在添加的密钥只能&lt;b&gt;在本次会话中使用&lt;/b&gt;：它保存在内存中，退出时即被忘记。</translation>
        </message>
        <message>
            <source>Keep for this session</source>
            <translation>在本次会话中保留</translation>
        </message>
        <message>
            <source>Save for later</source>
            <translation>保存以后使用</translation>
        </message>
        <message>
            <source>Stored now, used and checked with the Verging server when you leave the sandbox.</source>
            <translation>现在保存，退出沙盒时由 Verging 服务器验证并使用。</translation>
        </message>
        <message>
            <source>Sandbox mode needs no key. A key added here is kept in memory for this session only, never written to a file or a log, and checked with the Verging server when you leave the sandbox.</source>
            <translation>沙盒模式无需密钥。在这里添加的密钥仅在本次会话中保存在内存里，绝不会写入文件或日志，并会在退出沙盒时由 Verging 服务器验证。</translation>
        </message>
        <message>
            <source>Sandbox mode needs no key. A key added here is stored in your system's keyring, never written to a file or a log, and checked with the Verging server when you leave the sandbox.</source>
            <translation>沙盒模式无需密钥。在这里添加的密钥保存在系统密钥环中，绝不会写入文件或日志，并会在退出沙盒时由 Verging 服务器验证。</translation>
        </message>
        <message>
            <source>Validate and use for this session</source>
            <translation>验证并在本次会话中使用</translation>
        </message>
        <message>
            <source>The key is checked with the server, then kept in memory for this session only: it is never stored, written to a file or a log, and is forgotten when you quit.</source>
            <translation>密钥先经服务器验证，然后仅在本次会话中保存在内存里：它绝不会被存储、写入文件或日志，退出时即被忘记。</translation>
        </message>
        <message>
            <source>The key is checked with the server before it is saved. It is stored in your system's keyring and never written to a file or a log.</source>
            <translation>密钥在保存前会经服务器验证。它保存在系统密钥环中，绝不会写入文件或日志。</translation>
        </message>
        <message>
            <source>No keys yet: add one below.</source>
            <translation>还没有密钥：请在下方添加。</translation>
        </message>
        <message>
            <source>Leave the sandbox and use this key</source>
            <translation>退出沙盒并使用此密钥</translation>
        </message>
        <message>
            <source>The environment profile comes from VERGING_API_KEY</source>
            <translation>环境配置来自 VERGING_API_KEY</translation>
        </message>
        <message>
            <source>Switching to '%1'…</source>
            <translation>正在切换到“%1”…</translation>
        </message>
        <message>
            <source>Using '%1' (%2). Balance re-read.</source>
            <translation>正在使用“%1”（%2）。已重新读取余额。</translation>
        </message>
        <message>
            <source>Switched to '%1', but the server did not accept it. See the status bar.</source>
            <translation>已切换到“%1”，但服务器未接受它。请查看状态栏。</translation>
        </message>
        <message>
            <source>Remove profile</source>
            <translation>移除配置</translation>
        </message>
        <message>
            <source>Remove the profile '%1' from this computer?</source>
            <translation>要从这台电脑上移除配置“%1”吗？</translation>
        </message>
        <message>
            <source>The key is deleted from the OS keyring here. It stays valid on your account: revoke it under 'Keys on your account' to disable it everywhere.</source>
            <translation>密钥会从本机的系统密钥环中删除，但在你的账户中仍然有效：如需在所有地方停用，请在“你账户中的密钥”中撤销它。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Removed '%1'.</source>
            <translation>已移除“%1”。</translation>
        </message>
        <message>
            <source>Saving the key…</source>
            <translation>正在保存密钥…</translation>
        </message>
        <message>
            <source>Checking the key with the server…</source>
            <translation>正在通过服务器验证密钥…</translation>
        </message>
        <message>
            <source>%1 The key is valid but was not saved.</source>
            <translation>%1 密钥有效，但未保存。</translation>
        </message>
        <message>
            <source>The server refused this key: %1. It was not saved.</source>
            <translation>服务器拒绝了此密钥：%1。密钥未保存。</translation>
        </message>
        <message>
            <source>Could not check the key: %1 It was not saved.</source>
            <translation>无法验证密钥：%1 密钥未保存。</translation>
        </message>
        <message>
            <source>for this session only (not stored)</source>
            <translation>仅用于本次会话（未存储）</translation>
        </message>
        <message>
            <source>in the OS keyring</source>
            <translation>保存在系统密钥环中</translation>
        </message>
        <message>
            <source>Saved as '%1' %2. The sandbox needs no key: this one is checked with the Verging server and used when you leave the sandbox.</source>
            <translation>已保存为“%1”，%2。沙盒无需密钥：此密钥会在退出沙盒时由 Verging 服务器验证并使用。</translation>
        </message>
        <message>
            <source>Key checked and saved as '%1' %2. It is now in use.</source>
            <translation>密钥已验证并保存为“%1”，%2。现已在使用中。</translation>
        </message>
        <message>
            <source>Keys on the sandbox account</source>
            <translation>沙盒账户中的密钥</translation>
        </message>
        <message>
            <source>Keys on the account %1</source>
            <translation>账户 %1 中的密钥</translation>
        </message>
        <message>
            <source>Loading the keys of your account…</source>
            <translation>正在加载你账户中的密钥…</translation>
        </message>
        <message>
            <source>Could not list the keys: %1</source>
            <translation>无法列出密钥：%1</translation>
        </message>
        <message>
            <source>revoked</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>in use by this app</source>
            <translation>本应用正在使用</translation>
        </message>
        <message>
            <source>active</source>
            <translation>有效</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>（未命名）</translation>
        </message>
        <message>
            <source>No keys listed for this account.</source>
            <translation>此账户没有列出任何密钥。</translation>
        </message>
        <message numerus="yes">
            <source>%n key(s). This app is using '%1'.</source>
            <translation>
                <numerusform>%n 个密钥。本应用正在使用“%1”。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n key(s). The key in use is not in this list (it may belong to another account).</source>
            <translation>
                <numerusform>%n 个密钥。正在使用的密钥不在此列表中（它可能属于另一个账户）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Revoke API key</source>
            <translation>撤销 API 密钥</translation>
        </message>
        <message>
            <source>Revoke the key %1?</source>
            <translation>要撤销密钥 %1 吗？</translation>
        </message>
        <message>
            <source>Every app and script using this key stops working at once. This cannot be undone.</source>
            <translation>所有使用此密钥的应用和脚本都会立即停止工作。此操作无法撤消。</translation>
        </message>
        <message>
            <source>This is the key Verging Desktop is using right now: after revoking it you need another key.</source>
            <translation>这是 Verging Desktop 当前正在使用的密钥：撤销后你需要另一个密钥。</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Revoking %1…</source>
            <translation>正在撤销 %1…</translation>
        </message>
        <message>
            <source>Could not revoke %1: %2</source>
            <translation>无法撤销 %1：%2</translation>
        </message>
        <message>
            <source>Revoked %1.</source>
            <translation>已撤销 %1。</translation>
        </message>
    </context>
    <context>
        <name>LazyPage</name>
        <message>
            <source>The %1 tab could not be loaded: %2</source>
            <translation>无法加载“%1”标签页：%2</translation>
        </message>
    </context>
    <context>
        <name>LipSyncPage</name>
        <message>
            <source>I have the right to use this face and to make it say this</source>
            <translation>我有权使用这张面孔并让它说出这些内容</translation>
        </message>
        <message>
            <source>I have the right to use this avatar's face and voice</source>
            <translation>我有权使用这个数字人的面孔和声音</translation>
        </message>
        <message>
            <source>Lip sync</source>
            <comment>the submit button</comment>
            <translation>口型同步</translation>
        </message>
        <message>
            <source>Lip sync a face</source>
            <translation>面孔口型同步</translation>
        </message>
        <message>
            <source>A photo or a video of a person says an audio file or a text</source>
            <translation>让人物照片或视频说出音频文件或文字的内容</translation>
        </message>
        <message>
            <source>Talking avatar</source>
            <translation>数字人播报</translation>
        </message>
        <message>
            <source>One of your Vimmerse avatars says a script</source>
            <translation>让你的某个 Vimmerse 数字人播报脚本</translation>
        </message>
        <message>
            <source>Face</source>
            <translation>面孔</translation>
        </message>
        <message>
            <source>Drop a portrait photo or a video of the person</source>
            <translation>拖放人物的肖像照片或视频</translation>
        </message>
        <message>
            <source>An audio file</source>
            <translation>音频文件</translation>
        </message>
        <message>
            <source>A text, said by a voice</source>
            <translation>文字，由音色朗读</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <source>Drop the speech (MP3, WAV, M4A…)</source>
            <translation>拖放语音（MP3、WAV、M4A 等）</translation>
        </message>
        <message>
            <source>Type what the person says…</source>
            <translation>输入人物要说的话…</translation>
        </message>
        <message>
            <source>AutoV (Vimmerse chooses)</source>
            <translation>AutoV（由 Vimmerse 选择）</translation>
        </message>
        <message>
            <source>Voice:</source>
            <translation>音色：</translation>
        </message>
        <message>
            <source>&lt;b&gt;Speech:&lt;/b&gt;</source>
            <translation>&lt;b&gt;语音：&lt;/b&gt;</translation>
        </message>
        <message>
            <source>A video of the face is trimmed here: mark the part to send.</source>
            <translation>面孔视频在这里截取：标出要发送的部分。</translation>
        </message>
        <message>
            <source>Model:</source>
            <translation>模型：</translation>
        </message>
        <message>
            <source>the avatar's id from your Vimmerse account</source>
            <translation>你 Vimmerse 账户中的数字人 ID</translation>
        </message>
        <message>
            <source>The script the avatar says…</source>
            <translation>数字人要播报的脚本…</translation>
        </message>
        <message>
            <source>1:1 (square)</source>
            <translation>1:1（方形）</translation>
        </message>
        <message>
            <source>16:9 (landscape)</source>
            <translation>16:9（横屏）</translation>
        </message>
        <message>
            <source>9:16 (portrait, Shorts)</source>
            <translation>9:16（竖屏，Shorts）</translation>
        </message>
        <message>
            <source>Captions</source>
            <translation>字幕</translation>
        </message>
        <message>
            <source>Burn the script in as captions</source>
            <translation>把脚本作为字幕烧录到视频中</translation>
        </message>
        <message>
            <source>Background (optional)</source>
            <translation>背景（可选）</translation>
        </message>
        <message>
            <source>Drop an image to stand the avatar in front of</source>
            <translation>拖放一张图片作为数字人身后的背景</translation>
        </message>
        <message>
            <source>Audio (optional)</source>
            <translation>音频（可选）</translation>
        </message>
        <message>
            <source>Drop speech to use instead of the script</source>
            <translation>拖放语音以代替脚本</translation>
        </message>
        <message>
            <source>Avatar id:</source>
            <translation>数字人 ID：</translation>
        </message>
        <message>
            <source>Voice id:</source>
            <translation>音色 ID：</translation>
        </message>
        <message>
            <source>Script:</source>
            <translation>脚本：</translation>
        </message>
        <message>
            <source>Frame:</source>
            <translation>画面：</translation>
        </message>
        <message>
            <source>Tick the box to confirm you have the right to use this avatar.</source>
            <translation>请勾选复选框，确认你有权使用这个数字人。</translation>
        </message>
        <message>
            <source>Tick the box to confirm you have the right to use this face.</source>
            <translation>请勾选复选框，确认你有权使用这张面孔。</translation>
        </message>
        <message>
            <source> — for about %1%2</source>
            <translation> — 约 %1%2</translation>
        </message>
        <message>
            <source> — for %1%2</source>
            <translation> — %1%2</translation>
        </message>
        <message>
            <source>face</source>
            <comment>what the slot holds</comment>
            <translation>面孔</translation>
        </message>
        <message>
            <source>Drop a portrait photo or a video of the person.</source>
            <translation>请拖放人物的肖像照片或视频。</translation>
        </message>
        <message>
            <source>audio</source>
            <comment>what the slot holds</comment>
            <translation>音频</translation>
        </message>
        <message>
            <source>Drop the audio file to lip sync to, or choose a text said by a voice.</source>
            <translation>请拖放要进行口型同步的音频文件，或选择由音色朗读的文字。</translation>
        </message>
        <message>
            <source>Type the text the person says, or choose an audio file.</source>
            <translation>请输入人物要说的文字，或选择音频文件。</translation>
        </message>
        <message numerus="yes">
            <source>%n word(s), %1</source>
            <translation>
                <numerusform>%n 个词，%1</numerusform>
            </translation>
        </message>
        <message>
            <source>background</source>
            <comment>what the slot holds</comment>
            <translation>背景</translation>
        </message>
        <message>
            <source>Avatar %1</source>
            <translation>数字人 %1</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Verging Desktop</source>
            <translation>Verging Desktop</translation>
        </message>
        <message>
            <source>Job Queue</source>
            <translation>任务队列</translation>
        </message>
        <message>
            <source>Starting sandbox…</source>
            <translation>正在启动沙盒…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Account</source>
            <translation>账户(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
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
            <source>&amp;Go to tool…</source>
            <translation>转到工具(&amp;G)…</translation>
        </message>
        <message>
            <source>&amp;Next tool</source>
            <translation>下一个工具(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Previous tool</source>
            <translation>上一个工具(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Last tool</source>
            <translation>最后一个工具(&amp;L)</translation>
        </message>
        <message>
            <source>Ctrl+1..8 go to the first eight tools, Ctrl+9 to the last one</source>
            <translation>Ctrl+1..8 转到前八个工具，Ctrl+9 转到最后一个工具</translation>
        </message>
        <message>
            <source>&amp;Job Queue</source>
            <translation>任务队列(&amp;J)</translation>
        </message>
        <message>
            <source>&amp;Account and usage…</source>
            <translation>账户与用量(&amp;A)…</translation>
        </message>
        <message>
            <source>Manage API &amp;keys…</source>
            <translation>管理 API 密钥(&amp;K)…</translation>
        </message>
        <message>
            <source>&amp;Refresh balance</source>
            <translation>刷新余额(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Buy credits…</source>
            <translation>购买积分(&amp;B)…</translation>
        </message>
        <message>
            <source>Leave the &amp;sandbox</source>
            <translation>退出沙盒(&amp;S)</translation>
        </message>
        <message>
            <source>Try the &amp;sandbox</source>
            <translation>试用沙盒(&amp;S)</translation>
        </message>
        <message>
            <source>Open &amp;log folder</source>
            <translation>打开日志文件夹(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;About Verging Desktop</source>
            <translation>关于 Verging Desktop(&amp;A)</translation>
        </message>
        <message>
            <source>The sandbox runs on this computer at %1: no credits are spent</source>
            <translation>沙盒运行在本机 %1 上：不消耗任何积分</translation>
        </message>
        <message>
            <source>Connected to %1</source>
            <translation>已连接到 %1</translation>
        </message>
        <message>
            <source>Verging Desktop — Sandbox</source>
            <translation>Verging Desktop — 沙盒</translation>
        </message>
        <message>
            <source>(account)</source>
            <translation>（账户）</translation>
        </message>
        <message>
            <source>About %1. Refreshed after every paid action.</source>
            <translation>约 %1。每次付费操作后都会刷新。</translation>
        </message>
        <message>
            <source>API key problem</source>
            <translation>API 密钥问题</translation>
        </message>
        <message>
            <source>The key may have been revoked or mistyped. Open Manage API keys to add or choose another one.</source>
            <translation>该密钥可能已被撤销或输入有误。请打开“管理 API 密钥”添加或选择其他密钥。</translation>
        </message>
        <message>
            <source>Manage API keys…</source>
            <translation>管理 API 密钥…</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>以后再说</translation>
        </message>
        <message numerus="yes">
            <source>%n upload(s) or job(s) being sent (stops and is|stop and are) lost if you switch now; nothing more is sent for (it|them).</source>
            <translation>
                <numerusform>如果现在切换，%n 个正在进行的上传或正在发送的任务将停止并丢失；不会再为其发送任何内容。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n AI request(s) under way (stops|stop) without a result; what was already sent may still be charged.</source>
            <translation>
                <numerusform>%n 个进行中的 AI 请求将停止且没有结果；已发送的部分仍可能被计费。</numerusform>
            </translation>
        </message>
        <message>
            <source>Switch anyway?</source>
            <translation>仍要切换吗？</translation>
        </message>
        <message>
            <source>Switch</source>
            <translation>切换</translation>
        </message>
        <message>
            <source>Starting the local sandbox…</source>
            <translation>正在启动本地沙盒…</translation>
        </message>
        <message>
            <source>About Verging Desktop</source>
            <translation>关于 Verging Desktop</translation>
        </message>
        <message>
            <source>A desktop client for the Verging AI media API: face swap, video enhancement, background removal, image generation, chat, speech and vision, with the cost of every job shown before and after.</source>
            <translation>Verging AI 媒体 API 的桌面客户端：换脸、视频增强、背景移除、图片生成、聊天、语音和视觉，每个任务在运行前后都会显示费用。</translation>
        </message>
        <message>
            <source>Verging Desktop %1</source>
            <translation>Verging Desktop %1</translation>
        </message>
        <message>
            <source>Python %1 · Qt %2 · PySide6 %3</source>
            <translation>Python %1 · Qt %2 · PySide6 %3</translation>
        </message>
        <message numerus="yes">
            <source>%n upload(s) or cut(s) in progress (stops and is|stop and are) lost; (it is|they are) not sent and nothing is charged for (it|them).</source>
            <translation>
                <numerusform>%n 个正在进行的上传或剪辑将停止并丢失；它们不会被发送，也不会产生任何费用。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n job(s) being sent may have reached the server; Verging Desktop looks for (it|them) at the next start and never sends (it|them) twice.</source>
            <translation>
                <numerusform>%n 个正在发送的任务可能已到达服务器；Verging Desktop 会在下次启动时查找它们，且绝不会重复发送。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n Vimmerse job(s) being sent may have been created on Vimmerse; the app cannot find (it|them) later and never sends (it|them) twice: check your assets at vimmerse.net before sending (it|them) again.</source>
            <translation>
                <numerusform>%n 个正在发送的 Vimmerse 任务可能已在 Vimmerse 上创建；应用之后无法找到它们，也绝不会重复发送：再次发送前，请先在 vimmerse.net 查看你的素材。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n varg job(s) being sent may have been created on varg; the app never sends (it|them) twice: check your usage at varg.ai before sending (it|them) again.</source>
            <translation>
                <numerusform>%n 个正在发送的 varg 任务可能已在 varg 上创建；应用绝不会重复发送：再次发送前，请先在 varg.ai 查看你的用量。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n job(s) on the server (goes|go) on; Verging Desktop picks (it|them) up at the next start and saves the result(s).</source>
            <translation>
                <numerusform>服务器上的 %n 个任务会继续运行；Verging Desktop 会在下次启动时接续处理并保存结果。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n Vimmerse job(s) on the server (goes|go) on; Verging Desktop picks (it|them) up at the next start and saves the result(s).</source>
            <translation>
                <numerusform>服务器上的 %n 个 Vimmerse 任务会继续运行；Verging Desktop 会在下次启动时接续处理并保存结果。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n varg job(s) (goes|go) on, on varg or waiting here for a free slot; Verging Desktop follows (it|them) at the next start and saves the result(s).</source>
            <translation>
                <numerusform>%n 个 varg 任务会继续（在 varg 上运行，或在本机等待空闲名额）；Verging Desktop 会在下次启动时继续跟进并保存结果。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n result(s) being downloaded (stops|stop) and (is|are) downloaded again at the next start.</source>
            <translation>
                <numerusform>%n 个正在下载的结果将停止下载，并会在下次启动时重新下载。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n result(s) being downloaded (stops|stop); save (it|them) again from the Job Queue after the next start.</source>
            <translation>
                <numerusform>%n 个正在下载的结果将停止下载；下次启动后请在任务队列中重新保存。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n AI request(s) under way (a chat reply, speech, images…) (stops|stop) without a result; (it|they) may still be charged.</source>
            <translation>
                <numerusform>%n 个进行中的 AI 请求（聊天回复、语音、图片…）将停止且没有结果；仍可能被计费。</numerusform>
            </translation>
        </message>
        <message>
            <source>Quit Verging Desktop?</source>
            <translation>退出 Verging Desktop？</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Quit anyway?</source>
            <translation>仍要退出吗？</translation>
        </message>
        <message>
            <source>Keep working</source>
            <translation>继续工作</translation>
        </message>
    </context>
    <context>
        <name>MediaSlot</name>
        <message>
            <source>Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.flac *.opus);;All files (*)</source>
            <translation>音频 (*.mp3 *.wav *.m4a *.aac *.ogg *.flac *.opus);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Images and videos (*.jpg *.jpeg *.png *.webp *.mp4 *.mov *.m4v *.mkv *.webm *.avi);;All files (*)</source>
            <translation>图片和视频 (*.jpg *.jpeg *.png *.webp *.mp4 *.mov *.m4v *.mkv *.webm *.avi);;所有文件 (*)</translation>
        </message>
        <message>
            <source>%1 cannot be read: %2.</source>
            <translation>无法读取 %1：%2。</translation>
        </message>
        <message>
            <source>%1 is not a readable image.</source>
            <translation>%1 不是可读取的图片。</translation>
        </message>
        <message>
            <source>%1 has no sound track: use an audio file with speech.</source>
            <translation>%1 没有音轨：请使用包含语音的音频文件。</translation>
        </message>
        <message>
            <source>%1 has no audio to play (its length is 0 s).</source>
            <translation>%1 没有可播放的音频（时长为 0 秒）。</translation>
        </message>
        <message>
            <source>Choose the %1</source>
            <translation>选择%1</translation>
        </message>
        <message>
            <source>Checking the %1…</source>
            <translation>正在检查%1…</translation>
        </message>
        <message>
            <source>Drop %1.</source>
            <translation>请拖放%1。</translation>
        </message>
        <message>
            <source>Checking %1…</source>
            <comment>a file's name</comment>
            <translation>正在检查 %1…</translation>
        </message>
        <message>
            <source>%1 — checking…</source>
            <translation>%1 — 正在检查…</translation>
        </message>
        <message>
            <source>Nothing was uploaded or charged.</source>
            <translation>没有上传任何内容，也没有扣费。</translation>
        </message>
        <message>
            <source>%1 of audio</source>
            <translation>%1 音频</translation>
        </message>
    </context>
    <context>
        <name>Multimedia</name>
        <message>
            <source>Playback needs PulseAudio's library: sudo apt install libpulse0</source>
            <translation>播放需要 PulseAudio 库：sudo apt install libpulse0</translation>
        </message>
        <message>
            <source>Playback needs the system library %1, which is missing. Install it with your system's package manager and restart Verging Desktop.</source>
            <translation>播放需要系统库 %1，但它缺失了。请用系统的软件包管理器安装它，然后重启 Verging Desktop。</translation>
        </message>
        <message>
            <source>Playback is not available on this system (%1).</source>
            <translation>此系统无法播放（%1）。</translation>
        </message>
    </context>
    <context>
        <name>NoPlayback</name>
        <message>
            <source>The filmstrip, in and out points, cuts and jobs work without it.</source>
            <translation>没有它，胶片条、入点和出点、剪切及任务仍可正常使用。</translation>
        </message>
    </context>
    <context>
        <name>Notifier</name>
        <message>
            <source>%1 finished</source>
            <translation>%1 已完成</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 失败</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>the job failed on the server</source>
            <translation>任务在服务器上失败</translation>
        </message>
        <message numerus="yes">
            <source>%n jobs finished</source>
            <translation>
                <numerusform>%n 个任务已结束</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n completed</source>
            <translation>
                <numerusform>%n 个已完成</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n failed</source>
            <translation>
                <numerusform>%n 个失败</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OpenPath</name>
        <message>
            <source>No app could be started to open the folder. It is at %1</source>
            <translation>无法启动应用打开该文件夹。它位于 %1</translation>
        </message>
        <message>
            <source>No app could be started to open %1. It is at %2</source>
            <translation>无法启动应用打开 %1。它位于 %2</translation>
        </message>
        <message>
            <source>Cannot open</source>
            <translation>无法打开</translation>
        </message>
        <message>
            <source>Open it from your file manager, or copy its path.</source>
            <translation>请在文件管理器中打开它，或复制其路径。</translation>
        </message>
        <message>
            <source>Show in folder</source>
            <translation>在文件夹中显示</translation>
        </message>
        <message>
            <source>Copy path</source>
            <translation>复制路径</translation>
        </message>
        <message>
            <source>Path copied: %1</source>
            <translation>已复制路径：%1</translation>
        </message>
        <message>
            <source>No app could be started to show the folder either; the path is copied: %1</source>
            <translation>也无法启动应用显示该文件夹；已复制路径：%1</translation>
        </message>
    </context>
    <context>
        <name>PlacementPreview</name>
        <message>
            <source>Where the person lands on the new background (a sketch: the backdrop is not keyed here)</source>
            <translation>人物在新背景上的位置（示意图：此处不抠除背景）</translation>
        </message>
    </context>
    <context>
        <name>PriceLabel</name>
        <message>
            <source>; </source>
            <comment>the separator of price lines</comment>
            <translation>；</translation>
        </message>
        <message>
            <source>Price: %1 — %2</source>
            <translation>价格：%1 — %2</translation>
        </message>
    </context>
    <context>
        <name>ProfileForm</name>
        <message>
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>✓ in use</source>
            <translation>✓ 使用中</translation>
        </message>
        <message>
            <source>(active)</source>
            <translation>（当前）</translation>
        </message>
    </context>
    <context>
        <name>ProviderKeysPage</name>
        <message>
            <source>&lt;b&gt;Sandbox mode uses a demo %1 key&lt;/b&gt; on this computer. A key you add here is for your %1 account: no server is asked now; it is checked with %1 when you leave the sandbox.</source>
            <translation>&lt;b&gt;沙盒模式在本机使用演示用的 %1 密钥&lt;/b&gt;。在此添加的密钥用于你的 %1 账户：现在不会联系任何服务器；离开沙盒时再由 %1 验证。</translation>
        </message>
        <message>
            <source>%1 keys on this computer</source>
            <translation>本机上的 %1 密钥</translation>
        </message>
        <message>
            <source>Use this key</source>
            <translation>使用此密钥</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>移除…</translation>
        </message>
        <message>
            <source>Add a %1 key</source>
            <translation>添加 %1 密钥</translation>
        </message>
        <message>
            <source>a name for this key, e.g. personal or studio</source>
            <translation>为此密钥命名，例如 personal 或 studio</translation>
        </message>
        <message>
            <source>paste the API key from your %1 account (%2…)</source>
            <translation>粘贴你的 %1 账户中的 API 密钥（%2…）</translation>
        </message>
        <message>
            <source>paste the API key from your %1 account</source>
            <translation>粘贴你的 %1 账户中的 API 密钥</translation>
        </message>
        <message>
            <source>Show or hide the key while you check it</source>
            <translation>核对密钥时显示或隐藏它</translation>
        </message>
        <message>
            <source>Use for this session only (not stored; forgotten when you quit)</source>
            <translation>仅用于本次会话（不保存；退出时遗忘）</translation>
        </message>
        <message>
            <source>Validate and save</source>
            <translation>验证并保存</translation>
        </message>
        <message>
            <source>Use for this session only</source>
            <translation>仅用于本次会话</translation>
        </message>
        <message>
            <source>Name</source>
            <comment>the name of a key</comment>
            <translation>名称</translation>
        </message>
        <message>
            <source>Key</source>
            <comment>an API key</comment>
            <translation>密钥</translation>
        </message>
        <message>
            <source>Keep for this session</source>
            <translation>在本次会话中保留</translation>
        </message>
        <message>
            <source>Save for later</source>
            <translation>保存以备后用</translation>
        </message>
        <message>
            <source>The sandbox uses its own demo %1 key. A key added here is kept in memory for this session only, never written to a file or a log, and checked with %1 when you leave the sandbox.</source>
            <translation>沙盒使用自己的演示 %1 密钥。在此添加的密钥仅在本次会话中保存在内存里，绝不写入文件或日志，并在你离开沙盒时由 %1 验证。</translation>
        </message>
        <message>
            <source>The sandbox uses its own demo %1 key. A key added here is stored in your system's keyring, never written to a file or a log, and checked with %1 when you leave the sandbox.</source>
            <translation>沙盒使用自己的演示 %1 密钥。在此添加的密钥保存在系统密钥环中，绝不写入文件或日志，并在你离开沙盒时由 %1 验证。</translation>
        </message>
        <message>
            <source>Validate and use for this session</source>
            <translation>验证并在本次会话中使用</translation>
        </message>
        <message>
            <source>The key is checked with %1 (%2) before it is kept in memory for this session only. It is sent only to %3, never written to a file or a log.</source>
            <translation>密钥先由 %1 验证（%2），再仅在本次会话中保存在内存里。它只发送到 %3，绝不写入文件或日志。</translation>
        </message>
        <message>
            <source>The key is checked with %1 (%2) before it is stored in your system's keyring. It is sent only to %3, never written to a file or a log.</source>
            <translation>密钥先由 %1 验证（%2），再保存到系统密钥环中。它只发送到 %3，绝不写入文件或日志。</translation>
        </message>
        <message>
            <source>No %1 key yet: add one below (or set %2).</source>
            <translation>还没有 %1 密钥：请在下方添加（或设置 %2）。</translation>
        </message>
        <message>
            <source>Use this key after the sandbox</source>
            <translation>离开沙盒后使用此密钥</translation>
        </message>
        <message>
            <source>The environment profile comes from %1</source>
            <translation>环境配置来自 %1</translation>
        </message>
        <message>
            <source>'%1' is used when you leave the sandbox.</source>
            <translation>离开沙盒时将使用“%1”。</translation>
        </message>
        <message>
            <source>%1 now uses '%2'.</source>
            <translation>%1 现在使用“%2”。</translation>
        </message>
        <message>
            <source>'%1' has no key.</source>
            <translation>“%1”没有密钥。</translation>
        </message>
        <message>
            <source>Remove %1 key</source>
            <translation>移除 %1 密钥</translation>
        </message>
        <message>
            <source>Remove the %1 key '%2' from this computer?</source>
            <translation>要从本机移除 %1 密钥“%2”吗？</translation>
        </message>
        <message>
            <source>The key is deleted from the OS keyring here. It stays valid on your %1 account: delete it there (%2) to disable it everywhere.</source>
            <translation>密钥将从本机的系统密钥环中删除。它在你的 %1 账户中仍然有效：请在那里（%2）删除它，使其在所有地方失效。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Removed the %1 key '%2'.</source>
            <translation>已移除 %1 密钥“%2”。</translation>
        </message>
        <message>
            <source>Saving the key…</source>
            <translation>正在保存密钥…</translation>
        </message>
        <message>
            <source>Checking the key with %1…</source>
            <translation>正在通过 %1 验证密钥…</translation>
        </message>
        <message>
            <source>The key is valid but was not saved.</source>
            <translation>密钥有效，但未保存。</translation>
        </message>
        <message>
            <source>Could not check the key with %1: %2 It was not saved; try again when %1 can be reached.</source>
            <translation>无法通过 %1 验证密钥：%2 密钥未保存；请在能连接到 %1 时重试。</translation>
        </message>
        <message>
            <source>Saved as '%1' for this session only (not stored).</source>
            <translation>已保存为“%1”，仅用于本次会话（不存储）。</translation>
        </message>
        <message>
            <source>Saved as '%1' in the OS keyring.</source>
            <translation>已保存为“%1”，存于系统密钥环中。</translation>
        </message>
        <message>
            <source>Key checked with %1 and saved as '%2' for this session only (not stored). It is now in use.</source>
            <translation>密钥已通过 %1 验证并保存为“%2”，仅用于本次会话（不存储）。现已启用。</translation>
        </message>
        <message>
            <source>Key checked with %1 and saved as '%2' in the OS keyring. It is now in use.</source>
            <translation>密钥已通过 %1 验证并保存为“%2”，存于系统密钥环中。现已启用。</translation>
        </message>
    </context>
    <context>
        <name>ProviderStatus</name>
        <message>
            <source>Vimmerse: key problem</source>
            <translation>Vimmerse：密钥问题</translation>
        </message>
        <message>
            <source>Click to manage your keys.</source>
            <translation>点击管理你的密钥。</translation>
        </message>
        <message>
            <source>Vimmerse: add a key</source>
            <translation>Vimmerse：添加密钥</translation>
        </message>
        <message>
            <source>Add a Vimmerse API key to use its tools (Reframe &amp; Crop, Lip Sync, Replace Background, Sound, Generate Video). Click to add one.</source>
            <translation>添加 Vimmerse API 密钥即可使用它的工具（重构画面与裁剪、口型同步、替换背景、声音、生成视频）。点击添加。</translation>
        </message>
        <message>
            <source>Sandbox: simulated Vimmerse credits, nothing is charged.</source>
            <translation>沙盒：模拟的 Vimmerse 积分，不产生任何费用。</translation>
        </message>
        <message>
            <source>Click to see the Vimmerse charges.</source>
            <translation>点击查看 Vimmerse 的扣费。</translation>
        </message>
        <message>
            <source>varg: key problem</source>
            <translation>varg：密钥问题</translation>
        </message>
        <message>
            <source>varg: add a key</source>
            <translation>varg：添加密钥</translation>
        </message>
        <message>
            <source>Add a varg API key to use its models (video, images, speech, music, background removal, transcription). Click to add one.</source>
            <translation>添加 varg API 密钥即可使用它的模型（视频、图片、语音、音乐、背景移除、转写）。点击添加。</translation>
        </message>
        <message>
            <source>Sandbox: simulated varg balance, nothing is charged.</source>
            <translation>沙盒：模拟的 varg 余额，不产生任何费用。</translation>
        </message>
        <message>
            <source>Your own provider keys (%1): varg does not bill their models.</source>
            <translation>你自己的服务商密钥（%1）：varg 不对这些模型收费。</translation>
        </message>
        <message>
            <source>varg: balance unavailable</source>
            <translation>varg：余额不可用</translation>
        </message>
        <message>
            <source>varg: reading the balance…</source>
            <translation>varg：正在读取余额…</translation>
        </message>
        <message>
            <source>Could not read the varg balance: %1</source>
            <translation>无法读取 varg 余额：%1</translation>
        </message>
        <message>
            <source>Reading the varg balance.</source>
            <translation>正在读取 varg 余额。</translation>
        </message>
        <message>
            <source>The balance is empty: add credits at varg.ai to run varg jobs.</source>
            <translation>余额为零：请在 varg.ai 充值后再运行 varg 任务。</translation>
        </message>
        <message>
            <source>varg balance: %1 cents (%2), read from varg after each job.</source>
            <translation>varg 余额：%1 美分（%2），每个任务完成后从 varg 读取。</translation>
        </message>
        <message>
            <source>Click to see the varg charges.</source>
            <translation>点击查看 varg 的扣费。</translation>
        </message>
        <message>
            <source>varg: %1</source>
            <translation>varg：%1</translation>
        </message>
    </context>
    <context>
        <name>QueuePanel</name>
        <message>
            <source>All jobs</source>
            <translation>全部任务</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>进行中</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Failed or unknown</source>
            <translation>失败或未知</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Search by file name</source>
            <translation>按文件名搜索</translation>
        </message>
        <message>
            <source>All tools</source>
            <translation>全部工具</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Ask the server for the status of every open job now (F5)</source>
            <translation>立即向服务器查询所有未完成任务的状态（F5）</translation>
        </message>
        <message>
            <source>What the jobs in this queue sent today cost (charged, or estimated while running). AI calls such as Image Generation or Chat are not included: Account › Account and usage shows all of it.</source>
            <translation>此队列中今天发送的任务的花费（已扣费，运行中的为估算）。图像生成、对话等 AI 调用不计入其中：完整花费请见 账户 › 账户与用量。</translation>
        </message>
        <message>
            <source>Offline: jobs keep running on the server; checking again by itself.</source>
            <translation>离线：任务仍在服务器上运行；将自动重新检查。</translation>
        </message>
        <message>
            <source>Open result</source>
            <translation>打开结果</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Show in folder</source>
            <translation>在文件夹中显示</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>Retry…</source>
            <translation>重试…</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>Download</source>
            <translation>下载</translation>
        </message>
        <message>
            <source>Copy result URL</source>
            <translation>复制结果链接</translation>
        </message>
        <message>
            <source>Stop waiting</source>
            <translation>停止等待</translation>
        </message>
        <message>
            <source>Cancel on varg</source>
            <translation>在 varg 上取消</translation>
        </message>
        <message>
            <source>Remove from list</source>
            <translation>从列表中移除</translation>
        </message>
        <message>
            <source>Show in its tab</source>
            <translation>在其标签页中显示</translation>
        </message>
        <message>
            <source>Open the result (double-click a row to see it in its tab)</source>
            <translation>打开结果（双击某行可在其标签页中查看）</translation>
        </message>
        <message>
            <source>Send a failed face swap, or a Vimmerse job that failed or was not sent, again (asks first: it charges again)</source>
            <translation>重新发送失败的换脸任务，或失败、未发送的 Vimmerse 任务（会先询问：将再次扣费）</translation>
        </message>
        <message>
            <source>More</source>
            <translation>更多</translation>
        </message>
        <message>
            <source>Download, copy the result URL, stop waiting, remove from the list</source>
            <translation>下载、复制结果链接、停止等待、从列表中移除</translation>
        </message>
        <message>
            <source>Show the result in its folder</source>
            <translation>在文件夹中显示结果</translation>
        </message>
        <message>
            <source>Vimmerse %1</source>
            <translation>Vimmerse %1</translation>
        </message>
        <message>
            <source>Spent on jobs today: %1</source>
            <translation>今日任务花费：%1</translation>
        </message>
        <message>
            <source>No jobs match these filters.</source>
            <translation>没有符合这些筛选条件的任务。</translation>
        </message>
        <message>
            <source>No jobs yet. Jobs you send from the tool tabs appear here.</source>
            <translation>还没有任务。从各工具标签页发送的任务会显示在这里。</translation>
        </message>
        <message>
            <source>Open a result (%1)</source>
            <translation>打开结果（%1）</translation>
        </message>
        <message>
            <source>No web browser could be started to open the result; More › Copy result URL copies its address.</source>
            <translation>无法启动网页浏览器打开结果；可通过 更多 › 复制结果链接 复制其地址。</translation>
        </message>
        <message>
            <source>Result URL copied.</source>
            <translation>已复制结果链接。</translation>
        </message>
        <message>
            <source>Choose a download folder in Settings first.</source>
            <translation>请先在设置中选择下载文件夹。</translation>
        </message>
        <message>
            <source>Retry on the server</source>
            <translation>在服务器上重试</translation>
        </message>
        <message>
            <source>Retry of %1 failed: %2</source>
            <translation>重试 %1 失败：%2</translation>
        </message>
        <message numerus="yes">
            <source>Sent %n job(s) again (about %1).</source>
            <translation>
                <numerusform>已重新发送 %n 个任务（约 %1）。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sent %n job(s) to %1 again (about %2).</source>
            <translation>
                <numerusform>已向 %1 重新发送 %n 个任务（约 %2）。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cancelled %n varg job(s).</source>
            <translation>
                <numerusform>已取消 %n 个 varg 任务。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Retry %n failed face swap(s)</source>
            <translation>
                <numerusform>重试 %n 个失败的换脸任务</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2)? The server charges again: about %3.</source>
            <translation>%1（%2）？服务器将再次扣费：约 %3。</translation>
        </message>
        <message numerus="yes">
            <source>Send %n Vimmerse job(s) again</source>
            <translation>
                <numerusform>重新发送 %n 个 Vimmerse 任务</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them may have been created on Vimmerse already: check your assets at vimmerse.net first.</source>
            <translation>
                <numerusform>其中 %n 个可能已在 Vimmerse 上创建：请先在 vimmerse.net 查看你的素材。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Send %n varg job(s) again</source>
            <translation>
                <numerusform>重新发送 %n 个 varg 任务</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them may have been created on varg already: check your usage at varg.ai first.</source>
            <translation>
                <numerusform>其中 %n 个可能已在 varg 上创建：请先在 varg.ai 查看你的用量。</numerusform>
            </translation>
        </message>
        <message>
            <source>Sending %1 again failed: %2</source>
            <translation>重新发送 %1 失败：%2</translation>
        </message>
        <message>
            <source>%1 (%2)? Each is sent as a new job and %3 charges again: about %4.</source>
            <translation>%1（%2）？每个都将作为新任务发送，%3 将再次扣费：约 %4。</translation>
        </message>
        <message>
            <source>Cancelling %1 failed: %2</source>
            <translation>取消 %1 失败：%2</translation>
        </message>
        <message>
            <source>Vimmerse is not connected yet; try again in a moment.</source>
            <translation>尚未连接 Vimmerse，请稍后再试。</translation>
        </message>
        <message>
            <source>varg is not connected yet; try again in a moment.</source>
            <translation>尚未连接 varg，请稍后再试。</translation>
        </message>
    </context>
    <context>
        <name>ReferenceDrop</name>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Make the image from the prompt alone</source>
            <translation>仅根据提示词生成图片</translation>
        </message>
    </context>
    <context>
        <name>ReframePage</name>
        <message>
            <source>Vertical: Shorts, Reels, TikTok</source>
            <translation>竖屏：Shorts、Reels、TikTok</translation>
        </message>
        <message>
            <source>Square</source>
            <translation>方形</translation>
        </message>
        <message>
            <source>Portrait: Instagram and Facebook feeds</source>
            <translation>纵向：Instagram 和 Facebook 信息流</translation>
        </message>
        <message>
            <source>Landscape: YouTube, TV</source>
            <translation>横屏：YouTube、电视</translation>
        </message>
        <message>
            <source>Reframe</source>
            <translation>重构画面</translation>
        </message>
        <message>
            <source>Ratio</source>
            <translation>比例</translation>
        </message>
        <message>
            <source>Custom</source>
            <comment>a ratio</comment>
            <translation>自定义</translation>
        </message>
        <message>
            <source>Any ratio, written W:H (for example 21:9 or 3:4)</source>
            <translation>任意比例，写作 宽:高（例如 21:9 或 3:4）</translation>
        </message>
        <message>
            <source>Custom ratio (W:H)</source>
            <translation>自定义比例（宽:高）</translation>
        </message>
        <message>
            <source>Custom ratio</source>
            <translation>自定义比例</translation>
        </message>
        <message>
            <source>Crop: keep part of the picture (exact, cheaper)</source>
            <translation>裁剪：保留画面的一部分（精确，更便宜）</translation>
        </message>
        <message>
            <source>Cuts the frame you place out of the video: nothing is invented.</source>
            <translation>从视频中裁出你放置的画框：不会生成新内容。</translation>
        </message>
        <message>
            <source>AI Reframe: keep all of it, AI fills the rest</source>
            <translation>AI 重构画面：保留全部画面，AI 补全其余部分</translation>
        </message>
        <message>
            <source>The whole picture stays; an AI model paints the new parts of the frame.</source>
            <translation>整个画面保留；由 AI 模型绘制画框中新增的部分。</translation>
        </message>
        <message>
            <source>What the new parts should look like (default: %1)</source>
            <translation>新增部分应是什么样子（默认：%1）</translation>
        </message>
        <message>
            <source>AI Reframe prompt</source>
            <translation>AI 重构画面提示词</translation>
        </message>
        <message>
            <source>Centre</source>
            <translation>居中</translation>
        </message>
        <message>
            <source>Put the frame back in the middle (Home, with the picture focused)</source>
            <translation>将画框放回中间（画面获得焦点时按 Home）</translation>
        </message>
        <message>
            <source>Send to</source>
            <translation>发送到</translation>
        </message>
        <message>
            <source>Open the result in another tool</source>
            <translation>在其他工具中打开结果</translation>
        </message>
        <message>
            <source>Type a ratio as W:H, for example 21:9.</source>
            <translation>请按 宽:高 输入比例，例如 21:9。</translation>
        </message>
        <message>
            <source>Reframe with AI</source>
            <translation>用 AI 重构画面</translation>
        </message>
        <message>
            <source>Crop</source>
            <comment>a button: crop the video</comment>
            <translation>裁剪</translation>
        </message>
        <message>
            <source>%1 is already %2 (%3): there is nothing to crop.</source>
            <translation>%1 已经是 %2（%3）：无需裁剪。</translation>
        </message>
        <message>
            <source>Choose another ratio.</source>
            <translation>请选择其他比例。</translation>
        </message>
        <message>
            <source>%1 is already %2 (%3): there is nothing to reframe.</source>
            <translation>%1 已经是 %2（%3）：无需重构画面。</translation>
        </message>
        <message>
            <source>It is left out; the other %1 videos are sent.</source>
            <translation>它将被排除；其余 %1 个视频会发送。</translation>
        </message>
        <message>
            <source>It is left out; the other video is sent.</source>
            <translation>它将被排除；另一个视频会发送。</translation>
        </message>
        <message>
            <source>centred</source>
            <translation>居中</translation>
        </message>
        <message>
            <source>from x %1, y %2</source>
            <translation>起点 x %1，y %2</translation>
        </message>
        <message>
            <source>Keeps %1 of %2, %3.</source>
            <translation>保留 %2 中的 %1，%3。</translation>
        </message>
        <message>
            <source>Drag the frame on the picture, or use the arrow keys.</source>
            <translation>在画面上拖动画框，或使用方向键。</translation>
        </message>
        <message>
            <source>, scaled down to %1,</source>
            <translation>，缩小到 %1，</translation>
        </message>
        <message>
            <source>Result %1: the whole %2 picture%3 in the middle; AI fills the hatched %4 % around it.</source>
            <translation>结果 %1：完整的 %2 画面%3位于中间；AI 填充周围带斜线的 %4 % 区域。</translation>
        </message>
        <message>
            <source>Crop: %1 and AI Reframe: %2 Vimmerse credits per started 5 s (local price table, editable in Settings).</source>
            <translation>裁剪：%1，AI 重构画面：%2 Vimmerse 积分，每开始 5 秒计费（本地价格表，可在设置中编辑）。</translation>
        </message>
    </context>
    <context>
        <name>RejectionList</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n 个文件</numerusform>
            </translation>
        </message>
        <message>
            <source>not added</source>
            <translation>未添加</translation>
        </message>
        <message>
            <source>not sent</source>
            <translation>未发送</translation>
        </message>
        <message>
            <source>Nothing is uploaded or charged for these files.</source>
            <translation>这些文件不会被上传，也不会扣费。</translation>
        </message>
        <message>
            <source>Details ▸</source>
            <translation>详情 ▸</translation>
        </message>
        <message>
            <source>Show why each file was not added</source>
            <translation>显示每个文件未被添加的原因</translation>
        </message>
        <message>
            <source>Dismiss (drop a file again to check it again)</source>
            <translation>关闭（再次拖入文件可重新检查）</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <comment>a count of files, then what happened to them (not added)</comment>
            <translation>%1%2</translation>
        </message>
        <message>
            <source>Details ▾</source>
            <translation>详情 ▾</translation>
        </message>
    </context>
    <context>
        <name>RemoteInput</name>
        <message>
            <source>Open a web address</source>
            <translation>打开网址</translation>
        </message>
        <message>
            <source>The address of a video, an image or a page with a video (YouTube, Bilibili…):</source>
            <translation>视频、图片或含有视频的网页（YouTube、哔哩哔哩…）的网址：</translation>
        </message>
        <message>
            <source>Fetch</source>
            <translation>获取</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop the download (nothing is kept)</source>
            <translation>停止下载（不保留任何文件）</translation>
        </message>
        <message>
            <source>Downloading %1…</source>
            <translation>正在下载 %1…</translation>
        </message>
        <message>
            <source>Downloading %1… %2 MB</source>
            <translation>正在下载 %1… %2 MB</translation>
        </message>
        <message>
            <source>Downloading %1… %2 % (%3 of %4 MB)</source>
            <comment>a download's progress</comment>
            <translation>正在下载 %1… %2%（%3 / %4 MB）</translation>
        </message>
        <message>
            <source>Large download</source>
            <translation>大文件下载</translation>
        </message>
        <message>
            <source>%1 is %2 MB. Download it?</source>
            <translation>%1 有 %2 MB。要下载吗？</translation>
        </message>
    </context>
    <context>
        <name>ReplaceBackgroundPage</name>
        <message>
            <source>Centre</source>
            <translation>居中</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>左</translation>
        </message>
        <message>
            <source>Right</source>
            <translation>右</translation>
        </message>
        <message>
            <source>An image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>A video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>A prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>Replace background</source>
            <translation>替换背景</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Drop the video of the person (a plain backdrop keys best)</source>
            <translation>拖放人物视频（纯色背景抠像效果最好）</translation>
        </message>
        <message>
            <source>&lt;b&gt;New background:&lt;/b&gt;</source>
            <translation>&lt;b&gt;新背景：&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Background image</source>
            <translation>背景图片</translation>
        </message>
        <message>
            <source>Drop the picture to put behind the person</source>
            <translation>拖放要放在人物身后的图片</translation>
        </message>
        <message>
            <source>Background video</source>
            <translation>背景视频</translation>
        </message>
        <message>
            <source>Drop the video to put behind the person</source>
            <translation>拖放要放在人物身后的视频</translation>
        </message>
        <message>
            <source>Describe the new background: "a sunny beach at noon"…</source>
            <translation>描述新背景：“正午阳光下的海滩”…</translation>
        </message>
        <message>
            <source>Choose the new background above: an image, a video, or a prompt.</source>
            <translation>请在上方选择新背景：图片、视频或提示词。</translation>
        </message>
        <message>
            <source>The video is trimmed here: mark the part to send.</source>
            <translation>在这里截取视频：标出要发送的部分。</translation>
        </message>
        <message>
            <source>How tall the person is: a share of the background's height</source>
            <translation>人物高度：占背景高度的比例</translation>
        </message>
        <message>
            <source>Move right (negative: left), in pixels of the background</source>
            <translation>向右移动（负值：向左），单位为背景像素</translation>
        </message>
        <message>
            <source>Move down (negative: up), in pixels of the background</source>
            <translation>向下移动（负值：向上），单位为背景像素</translation>
        </message>
        <message>
            <source>px</source>
            <comment>pixels</comment>
            <translation>像素</translation>
        </message>
        <message>
            <source>Automatic</source>
            <comment>the key colour</comment>
            <translation>自动</translation>
        </message>
        <message>
            <source>Vimmerse finds the backdrop's colour (chroma_key_color "origin")</source>
            <translation>由 Vimmerse 识别背景颜色（chroma_key_color "origin"）</translation>
        </message>
        <message>
            <source>Picked</source>
            <comment>the key colour</comment>
            <translation>已取色</translation>
        </message>
        <message>
            <source>Pick from the frame</source>
            <translation>从画面取色</translation>
        </message>
        <message>
            <source>Then click the backdrop behind the person in the preview</source>
            <translation>然后在预览中点击人物身后的背景</translation>
        </message>
        <message>
            <source>Choose the key colour in a colour dialog</source>
            <translation>在颜色对话框中选择抠像颜色</translation>
        </message>
        <message>
            <source>How far from the key colour still counts as backdrop</source>
            <translation>与抠像颜色相差多少仍算作背景</translation>
        </message>
        <message>
            <source>x</source>
            <translation>x</translation>
        </message>
        <message>
            <source>y</source>
            <translation>y</translation>
        </message>
        <message>
            <source>Align:</source>
            <translation>对齐：</translation>
        </message>
        <message>
            <source>Scale:</source>
            <translation>缩放：</translation>
        </message>
        <message>
            <source>Key colour:</source>
            <translation>抠像颜色：</translation>
        </message>
        <message>
            <source>Tolerance:</source>
            <translation>容差：</translation>
        </message>
        <message>
            <source>Colour…</source>
            <translation>颜色…</translation>
        </message>
        <message>
            <source>Key colour</source>
            <translation>抠像颜色</translation>
        </message>
        <message>
            <source>Vimmerse makes the background from your prompt</source>
            <translation>Vimmerse 根据你的提示词生成背景</translation>
        </message>
        <message>
            <source>Choose a background</source>
            <translation>选择背景</translation>
        </message>
        <message>
            <source>video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Drop the video whose background to replace.</source>
            <translation>请拖放要替换背景的视频。</translation>
        </message>
        <message>
            <source>background image</source>
            <translation>背景图片</translation>
        </message>
        <message>
            <source>background video</source>
            <translation>背景视频</translation>
        </message>
        <message>
            <source>%1 over %2</source>
            <translation>%1 叠加到 %2</translation>
        </message>
        <message>
            <source>%1–%2 s · %3, scale %4</source>
            <translation>%1–%2 秒 · %3，缩放 %4</translation>
        </message>
        <message>
            <source> — for %1 s of video%2</source>
            <translation> — 视频时长 %1 秒%2</translation>
        </message>
    </context>
    <context>
        <name>ResultPanel</name>
        <message>
            <source>No result: the job failed.</source>
            <translation>没有结果：任务失败。</translation>
        </message>
        <message>
            <source>No result: the job was cancelled.</source>
            <translation>没有结果：任务已取消。</translation>
        </message>
        <message>
            <source>No result yet: see the Job Queue for this job's state.</source>
            <translation>暂无结果：请在任务队列中查看此任务的状态。</translation>
        </message>
        <message>
            <source>Result: </source>
            <translation>结果：</translation>
        </message>
        <message>
            <source>Save the result</source>
            <translation>保存结果</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Retry…</source>
            <translation>重试…</translation>
        </message>
        <message>
            <source>That job is no longer in the queue.</source>
            <translation>该任务已不在队列中。</translation>
        </message>
        <message>
            <source>Nothing to compare yet</source>
            <translation>暂无可对比的内容</translation>
        </message>
        <message>
            <source>Result: %1</source>
            <translation>结果：%1</translation>
        </message>
        <message>
            <source>Waiting for the result…</source>
            <translation>正在等待结果…</translation>
        </message>
        <message>
            <source>The original of this job is no longer on this computer.</source>
            <translation>此任务的原始文件已不在这台电脑上。</translation>
        </message>
        <message>
            <source>Could not save the result: %1</source>
            <translation>无法保存结果：%1</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
    </context>
    <context>
        <name>SandboxBanner</name>
        <message>
            <source>&lt;b&gt;Sandbox mode&lt;/b&gt; — nothing is charged and every result is simulated by a local server. Balances and usage here are not your real account.</source>
            <translation>&lt;b&gt;沙盒模式&lt;/b&gt; — 不产生任何费用，所有结果均由本地服务器模拟。这里显示的余额和用量并非你的真实账户。</translation>
        </message>
        <message>
            <source>Leave sandbox</source>
            <translation>退出沙盒</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source> jobs at once</source>
            <comment>the suffix of the number of varg jobs</comment>
            <translation> 个任务同时运行</translation>
        </message>
        <message>
            <source>varg runs 2 jobs at once on Free and 10 on Pro; more wait in this app's queue instead of being refused by varg.</source>
            <translation>varg 免费版可同时运行 2 个任务，专业版 10 个；超出的任务在本应用的队列中等待，而不会被 varg 拒绝。</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source> s</source>
            <comment>the suffix of a number of seconds</comment>
            <translation> 秒</translation>
        </message>
        <message>
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <source>English</source>
            <comment>the language's own name: keep it in English</comment>
            <translation>English</translation>
        </message>
        <message>
            <source>简体中文</source>
            <comment>the language's own name: keep it in Chinese</comment>
            <translation>简体中文</translation>
        </message>
        <message>
            <source>A new language is shown the next time Verging Desktop starts.</source>
            <translation>更改语言后，下次启动 Verging Desktop 时生效。</translation>
        </message>
        <message>
            <source> ×</source>
            <comment>the suffix of the sandbox speed, a multiplier</comment>
            <translation> ×</translation>
        </message>
        <message>
            <source>2 × finishes sandbox jobs twice as fast. Applies the next time the sandbox starts.</source>
            <translation>2 × 表示沙盒任务以两倍速度完成。下次启动沙盒时生效。</translation>
        </message>
        <message>
            <source>Server (base URL)</source>
            <translation>服务器（基础 URL）</translation>
        </message>
        <message>
            <source>Vimmerse server</source>
            <translation>Vimmerse 服务器</translation>
        </message>
        <message>
            <source>varg server</source>
            <translation>varg 服务器</translation>
        </message>
        <message>
            <source>varg plan</source>
            <translation>varg 套餐</translation>
        </message>
        <message>
            <source>Download folder</source>
            <translation>下载文件夹</translation>
        </message>
        <message>
            <source>Job polling interval</source>
            <translation>任务轮询间隔</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Sandbox speed</source>
            <translation>沙盒速度</translation>
        </message>
        <message>
            <source>Prices</source>
            <translation>价格</translation>
        </message>
        <message>
            <source>VERGING_BASE_URL is set, so %1 is used.</source>
            <translation>已设置 VERGING_BASE_URL，因此使用 %1。</translation>
        </message>
        <message>
            <source>Leave empty for verging.ai.</source>
            <translation>留空则使用 verging.ai。</translation>
        </message>
        <message>
            <source>VIMMERSE_BASE_URL is set, so %1 is used.</source>
            <translation>已设置 VIMMERSE_BASE_URL，因此使用 %1。</translation>
        </message>
        <message>
            <source>Leave empty for api.vimmerse.net.</source>
            <translation>留空则使用 api.vimmerse.net。</translation>
        </message>
        <message>
            <source>VARG_BASE_URL is set, so %1 is used.</source>
            <translation>已设置 VARG_BASE_URL，因此使用 %1。</translation>
        </message>
        <message>
            <source>Leave empty for api.varg.ai.</source>
            <translation>留空则使用 api.varg.ai。</translation>
        </message>
        <message>
            <source>Restart Verging Desktop to see the new language.</source>
            <translation>重新启动 Verging Desktop 后即可看到新语言。</translation>
        </message>
        <message>
            <source>API keys are not settings: as no system keyring is available here, they are kept in memory for this session only, never in a file (Account → Manage API keys).</source>
            <translation>API 密钥不属于设置：由于此处没有可用的系统密钥环，密钥仅在本次会话中保存在内存里，绝不会写入文件（账户 → 管理 API 密钥）。</translation>
        </message>
        <message>
            <source>API keys are not settings: they live in your system's keyring (Account → Manage API keys).</source>
            <translation>API 密钥不属于设置：它们保存在系统密钥环中（账户 → 管理 API 密钥）。</translation>
        </message>
        <message>
            <source>The server address must start with https:// (or http:// for a local sandbox).</source>
            <translation>服务器地址必须以 https:// 开头（本地沙盒可用 http://）。</translation>
        </message>
        <message>
            <source>The Vimmerse server address must start with https:// (or http:// for a local sandbox).</source>
            <translation>Vimmerse 服务器地址必须以 https:// 开头（本地沙盒可用 http://）。</translation>
        </message>
        <message>
            <source>The varg server address must start with https:// (or http:// for a local sandbox).</source>
            <translation>varg 服务器地址必须以 https:// 开头（本地沙盒可用 http://）。</translation>
        </message>
        <message>
            <source>That looks like an API key. Keys go in Manage API keys, never in settings.</source>
            <translation>这看起来像是 API 密钥。密钥应在“管理 API 密钥”中添加，而不是放在设置里。</translation>
        </message>
    </context>
    <context>
        <name>Side</name>
        <message>
            <source>%1 cannot be played here. %2</source>
            <translation>%1 无法在此播放。%2</translation>
        </message>
        <message>
            <source>%1 cannot be played: %2</source>
            <translation>%1 无法播放：%2</translation>
        </message>
        <message>
            <source>invalid media</source>
            <translation>无效的媒体</translation>
        </message>
    </context>
    <context>
        <name>SizesLabel</name>
        <message>
            <source>Result %1</source>
            <translation>结果 %1</translation>
        </message>
        <message>
            <source>Original %1 · Result %2</source>
            <translation>原始 %1 · 结果 %2</translation>
        </message>
    </context>
    <context>
        <name>SoundPage</name>
        <message>
            <source>Add sound</source>
            <translation>添加声音</translation>
        </message>
        <message>
            <source>Vimmerse · sound for a video</source>
            <translation>Vimmerse · 为视频配声音</translation>
        </message>
        <message>
            <source>varg · music from a prompt (ElevenLabs)</source>
            <translation>varg · 根据提示词生成音乐（ElevenLabs）</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Drop the video to give sound</source>
            <translation>拖入要配声音的视频</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <source>Drop an audio file (MP3, WAV, M4A…)</source>
            <translation>拖入音频文件（MP3、WAV、M4A…）</translation>
        </message>
        <message>
            <source>AI sound effect</source>
            <translation>AI 音效</translation>
        </message>
        <message>
            <source>Vimmerse makes sound that matches the picture, steered by your words</source>
            <translation>Vimmerse 根据你的描述生成与画面匹配的声音</translation>
        </message>
        <message>
            <source>Add an audio file</source>
            <translation>添加音频文件</translation>
        </message>
        <message>
            <source>Put your own music or voice-over onto the video</source>
            <translation>把你自己的音乐或旁白配到视频上</translation>
        </message>
        <message>
            <source>Describe the sound, e.g. rain on a tin roof, distant thunder</source>
            <translation>描述声音，例如：雨打铁皮屋顶、远处的雷声</translation>
        </message>
        <message>
            <source>Vimmerse makes this sound and times it to the picture</source>
            <translation>Vimmerse 生成这段声音并与画面对齐</translation>
        </message>
        <message>
            <source>MP4 video (*.mp4)</source>
            <translation>MP4 视频 (*.mp4)</translation>
        </message>
        <message>
            <source>Save the video as</source>
            <translation>视频另存为</translation>
        </message>
        <message>
            <source>Add sound: when it is done, the result plays here with its new sound.</source>
            <translation>添加声音：完成后，结果会带着新声音在这里播放。</translation>
        </message>
        <message>
            <source>Send to</source>
            <translation>发送到</translation>
        </message>
        <message>
            <source>Open the result in another tool</source>
            <translation>在其他工具中打开结果</translation>
        </message>
        <message>
            <source>Sound to make:</source>
            <translation>要生成的声音：</translation>
        </message>
        <message>
            <source>Attach</source>
            <translation>配入方式</translation>
        </message>
        <message>
            <source>Vimmerse makes no music from words: it adds sound to a video</source>
            <translation>Vimmerse 不能根据文字生成音乐：它为视频配声音</translation>
        </message>
        <message>
            <source>Vimmerse: needs a video</source>
            <translation>Vimmerse：需要视频</translation>
        </message>
        <message>
            <source>Add audio</source>
            <translation>添加音频</translation>
        </message>
        <message>
            <source>a video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>an audio file to put onto the video</source>
            <translation>要配到视频上的音频文件</translation>
        </message>
        <message>
            <source>sound effect</source>
            <translation>音效</translation>
        </message>
        <message>
            <source>Result: %1, the length of the selection.</source>
            <translation>结果：%1，与所选片段等长。</translation>
        </message>
        <message>
            <source>%1 is the audio file: drop the video to put it onto.</source>
            <translation>%1 已作为音频文件：拖入要配音的视频。</translation>
        </message>
        <message>
            <source>%1 is the video in %2.</source>
            <translation>%1 已作为%2中的视频。</translation>
        </message>
    </context>
    <context>
        <name>SpeechToTextTab</name>
        <message>
            <source>Detect automatically</source>
            <translation>自动检测</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英语</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>西班牙语</translation>
        </message>
        <message>
            <source>French</source>
            <translation>法语</translation>
        </message>
        <message>
            <source>German</source>
            <translation>德语</translation>
        </message>
        <message>
            <source>Italian</source>
            <translation>意大利语</translation>
        </message>
        <message>
            <source>Portuguese</source>
            <translation>葡萄牙语</translation>
        </message>
        <message>
            <source>Dutch</source>
            <translation>荷兰语</translation>
        </message>
        <message>
            <source>Polish</source>
            <translation>波兰语</translation>
        </message>
        <message>
            <source>Russian</source>
            <translation>俄语</translation>
        </message>
        <message>
            <source>Ukrainian</source>
            <translation>乌克兰语</translation>
        </message>
        <message>
            <source>Turkish</source>
            <translation>土耳其语</translation>
        </message>
        <message>
            <source>Arabic</source>
            <translation>阿拉伯语</translation>
        </message>
        <message>
            <source>Hindi</source>
            <translation>印地语</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>日语</translation>
        </message>
        <message>
            <source>Korean</source>
            <translation>韩语</translation>
        </message>
        <message>
            <source>Chinese</source>
            <translation>中文</translation>
        </message>
        <message>
            <source>Verging (Whisper)</source>
            <translation>Verging (Whisper)</translation>
        </message>
        <message>
            <source>varg (whisper)</source>
            <translation>varg (whisper)</translation>
        </message>
        <message>
            <source>Audio and video (*.mp3 *.mp4 *.mpeg *.mpga *.m4a *.wav *.webm *.ogg *.oga *.opus *.flac *.aac *.aif *.aiff *.wma *.mov *.mkv *.avi);;All files (*)</source>
            <translation>音频和视频 (*.mp3 *.mp4 *.mpeg *.mpga *.m4a *.wav *.webm *.ogg *.oga *.opus *.flac *.aac *.aif *.aiff *.wma *.mov *.mkv *.avi);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Drop an audio or video file here
(MP3, M4A, WAV, WebM, MP4, OGG, FLAC, MOV…)</source>
            <translation>将音频或视频文件拖放到此处
（MP3、M4A、WAV、WebM、MP4、OGG、FLAC、MOV 等）</translation>
        </message>
        <message>
            <source>&lt;b&gt;What will be sent&lt;/b&gt;</source>
            <translation>&lt;b&gt;将发送的内容&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Choose a file to see what will be sent, its size and the estimated cost.</source>
            <translation>选择文件后可查看将发送的内容、大小和预估费用。</translation>
        </message>
        <message>
            <source>Who transcribes; what each costs for this file is beside it</source>
            <translation>由谁转写；各自处理此文件的费用标在旁边</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>服务商</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>a language and its code</comment>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>Choosing the spoken language helps with short or noisy recordings</source>
            <translation>指定语音语言有助于转写简短或嘈杂的录音</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>%1 (through varg)</source>
            <comment>a model</comment>
            <translation>%1（通过 varg）</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Transcribe</source>
            <translation>转写</translation>
        </message>
        <message>
            <source>Transcribe (Ctrl+Enter)</source>
            <translation>转写（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>&lt;b&gt;Transcript&lt;/b&gt;</source>
            <translation>&lt;b&gt;转写文本&lt;/b&gt;</translation>
        </message>
        <message>
            <source>The transcript appears here.</source>
            <translation>转写文本将显示在这里。</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>End</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>文本</translation>
        </message>
        <message>
            <source>Timed segments</source>
            <translation>时间分段</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Copy the transcript to the clipboard</source>
            <translation>将转写文本复制到剪贴板</translation>
        </message>
        <message>
            <source>Save .txt…</source>
            <translation>保存 .txt…</translation>
        </message>
        <message>
            <source>Save .srt…</source>
            <translation>保存 .srt…</translation>
        </message>
        <message>
            <source>Save .vtt…</source>
            <translation>保存 .vtt…</translation>
        </message>
        <message>
            <source>Transcribe with varg</source>
            <translation>使用 varg 转写</translation>
        </message>
        <message>
            <source>%1 a minute</source>
            <comment>a price</comment>
            <translation>每分钟 %1</translation>
        </message>
        <message>
            <source>%1 is %2 MB; varg takes files of at most %3 MB: choose Verging (it converts it) or a smaller file.</source>
            <translation>%1 大小为 %2 MB；varg 只接受不超过 %3 MB 的文件：请选择 Verging（它会转换文件）或换一个更小的文件。</translation>
        </message>
        <message>
            <source>The video %1 (%2, %3) is sent to varg as it is: varg takes files of up to %4 MB.</source>
            <translation>视频 %1（%2，%3）将按原样发送给 varg：varg 接受不超过 %4 MB 的文件。</translation>
        </message>
        <message>
            <source>The file %1 (%2, %3) is sent to varg as it is: varg takes files of up to %4 MB.</source>
            <translation>文件 %1（%2，%3）将按原样发送给 varg：varg 接受不超过 %4 MB 的文件。</translation>
        </message>
        <message>
            <source>Your balance is %1.</source>
            <translation>您的余额为 %1。</translation>
        </message>
        <message>
            <source>Reading the file…</source>
            <translation>正在读取文件…</translation>
        </message>
        <message>
            <source>This file cannot be transcribed; see the message below.</source>
            <translation>此文件无法转写；请查看下方的消息。</translation>
        </message>
        <message>
            <source>Choose a file.</source>
            <translation>请选择文件。</translation>
        </message>
        <message>
            <source>video</source>
            <comment>the file has a video track</comment>
            <translation>视频</translation>
        </message>
        <message>
            <source>Speech to Text takes one file at a time: %1 not opened.</source>
            <translation>语音转文字一次只处理一个文件：未打开 %1。</translation>
        </message>
        <message>
            <source>Speech to Text is busy; %1 is offered when it is done.</source>
            <translation>语音转文字正忙；完成后再提供 %1。</translation>
        </message>
        <message>
            <source>%1 is already here.</source>
            <translation>%1 已在此处。</translation>
        </message>
        <message>
            <source>Open recording</source>
            <translation>打开录音</translation>
        </message>
        <message>
            <source>Speech to Text has %1. Replace it with %2?</source>
            <translation>语音转文字中已有 %1。要用 %2 替换吗？</translation>
        </message>
        <message>
            <source>Replace</source>
            <translation>替换</translation>
        </message>
        <message>
            <source>Choose an audio or video file first: drop it above or click Browse.</source>
            <translation>请先选择音频或视频文件：拖放到上方或点击“浏览”。</translation>
        </message>
        <message>
            <source>Preparing and transcribing (about %1)…</source>
            <translation>正在准备并转写（约 %1）…</translation>
        </message>
        <message>
            <source>Transcribing (about %1)…</source>
            <translation>正在转写（约 %1）…</translation>
        </message>
        <message>
            <source>Add a varg key first (File &gt; Manage API keys, varg tab), or choose Verging.</source>
            <translation>请先添加 varg 密钥（文件 &gt; 管理 API 密钥，varg 选项卡），或选择 Verging。</translation>
        </message>
        <message>
            <source>language %1</source>
            <translation>语言 %1</translation>
        </message>
        <message>
            <source>&lt;b&gt;Transcript&lt;/b&gt; of %1</source>
            <translation>&lt;b&gt;转写文本&lt;/b&gt;，时长 %1</translation>
        </message>
        <message>
            <source>varg sent no timestamps, so subtitles (.srt, .vtt) cannot be made for this transcript.</source>
            <translation>varg 未返回时间戳，因此无法为此转写文本生成字幕（.srt、.vtt）。</translation>
        </message>
        <message>
            <source>The transcript's timing could not be read (%1); subtitles cannot be made.</source>
            <translation>无法读取转写文本的时间信息（%1）；无法生成字幕。</translation>
        </message>
        <message numerus="yes">
            <source>Cancelled. %n part(s) had been transcribed and charged (%1).</source>
            <translation>
                <numerusform>已取消。已有 %n 个片段完成转写并扣费（%1）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Cancelled. Nothing was charged.</source>
            <translation>已取消。未扣费。</translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;Transcript&lt;/b&gt; of %1 in %n part(s)</source>
            <translation>
                <numerusform>&lt;b&gt;转写文本&lt;/b&gt;，时长 %1，共 %n 个片段</numerusform>
            </translation>
        </message>
        <message>
            <source>charged %1</source>
            <translation>扣费 %1</translation>
        </message>
        <message>
            <source>(estimated %1)</source>
            <translation>（预估 %1）</translation>
        </message>
        <message>
            <source>The server sent no timestamps, so subtitles (.srt, .vtt) cannot be made for this transcript.</source>
            <translation>服务器未返回时间戳，因此无法为此转写文本生成字幕（.srt、.vtt）。</translation>
        </message>
        <message>
            <source>Transcript copied to the clipboard.</source>
            <translation>转写文本已复制到剪贴板。</translation>
        </message>
        <message>
            <source>Save the transcript as .%1</source>
            <translation>将转写文本保存为 .%1</translation>
        </message>
        <message>
            <source>Could not save %1: %2</source>
            <translation>无法保存 %1：%2</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
    </context>
    <context>
        <name>StatusPanel</name>
        <message>
            <source>Not signed in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>Account and usage (Ctrl+Shift+A)</source>
            <translation>账户与用量（Ctrl+Shift+A）</translation>
        </message>
        <message>
            <source>Your balance; refreshed after every paid action and every few minutes</source>
            <translation>你的余额；每次付费操作后以及每隔几分钟刷新一次</translation>
        </message>
        <message>
            <source>Fix key…</source>
            <translation>修复密钥…</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>正在连接…</translation>
        </message>
    </context>
    <context>
        <name>StepRow</name>
        <message>
            <source>Waiting…</source>
            <translation>等待中…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop this submission now: it has not been sent to the server yet, so nothing is charged</source>
            <translation>立即停止本次提交：它尚未发送到服务器，因此不会产生任何费用</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <source>Hide this card. The job keeps running; follow it in the Job Queue.</source>
            <translation>隐藏此卡片。任务会继续运行，可在任务队列中查看进度。</translation>
        </message>
        <message>
            <source>sent %1</source>
            <translation>发送于 %1</translation>
        </message>
        <message>
            <source>job %1</source>
            <translation>任务 %1</translation>
        </message>
    </context>
    <context>
        <name>SubmitGuard</name>
        <message>
            <source>right now</source>
            <translation>刚刚</translation>
        </message>
        <message>
            <source>%1 ago</source>
            <translation>%1前</translation>
        </message>
        <message>
            <source>You sent this same request %1. Send it again?</source>
            <translation>你在%1发送过相同的请求。要再次发送吗？</translation>
        </message>
        <message>
            <source>You sent this same request %1. Send it again for about %2?</source>
            <translation>你在%1发送过相同的请求。要再次发送吗？费用约为 %2。</translation>
        </message>
        <message>
            <source>You sent this same job %1. Send again?</source>
            <translation>你在%1发送过相同的任务。要再次发送吗？</translation>
        </message>
        <message>
            <source>You sent this same job %1. Send again for %2?</source>
            <translation>你在%1发送过相同的任务。要再次发送吗？费用为 %2。</translation>
        </message>
        <message numerus="yes">
            <source>You sent these same %n job(s) %1. Send them again for %2?</source>
            <translation>
                <numerusform>你在%1发送过这 %n 个相同的任务。要再次发送吗？费用为 %2。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of these jobs (is|are) the same as (one|ones) you sent %1.</source>
            <translation>
                <numerusform>其中 %n 个任务与你在%1发送过的任务相同。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Send all %n job(s) for %2?</source>
            <translation>
                <numerusform>要发送全部 %n 个任务吗？费用为 %2。</numerusform>
            </translation>
        </message>
        <message>
            <source>Send again?</source>
            <translation>再次发送？</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>再次发送</translation>
        </message>
    </context>
    <context>
        <name>TextToSpeechTab</name>
        <message>
            <source>Verging · OpenAI voices</source>
            <translation>Verging · OpenAI 音色</translation>
        </message>
        <message>
            <source>varg · ElevenLabs voices</source>
            <translation>varg · ElevenLabs 音色</translation>
        </message>
        <message>
            <source>Type or paste the text to speak…  (Ctrl+Enter to start)</source>
            <translation>输入或粘贴要朗读的文字……（Ctrl+Enter 开始）</translation>
        </message>
        <message>
            <source>Voice</source>
            <translation>音色</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>语速</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>格式</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Generate speech</source>
            <translation>生成语音</translation>
        </message>
        <message>
            <source>Generate (Ctrl+Enter)</source>
            <translation>生成（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>&lt;b&gt;Result&lt;/b&gt;</source>
            <translation>&lt;b&gt;结果&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No audio yet. Generated speech plays here; every file of this session is listed below.</source>
            <translation>还没有音频。生成的语音在这里播放；本次会话的每个文件都列在下方。</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <source>Save…</source>
            <translation>保存…</translation>
        </message>
        <message>
            <source>This session</source>
            <translation>本次会话</translation>
        </message>
        <message>
            <source>ElevenLabs voices come through varg: add a varg API key to use them. Nothing is sent until you do.</source>
            <translation>ElevenLabs 音色通过 varg 提供：添加 varg API 密钥后即可使用。在此之前不会发送任何内容。</translation>
        </message>
        <message>
            <source>Add a varg key…</source>
            <translation>添加 varg 密钥…</translation>
        </message>
        <message>
            <source>Add a varg key in File &gt; Manage API keys (Ctrl+Shift+K).</source>
            <translation>请在 文件 &gt; 管理 API 密钥（Ctrl+Shift+K）中添加 varg 密钥。</translation>
        </message>
        <message>
            <source>about %1 ($%2)</source>
            <translation>约 %1（$%2）</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; characters · ElevenLabs through varg, billed in cents</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; 个字符 · 通过 varg 使用 ElevenLabs，按美分计费</translation>
        </message>
        <message>
            <source>0 characters · up to %1 per request; longer text is split into parts</source>
            <translation>0 个字符 · 每次请求最多 %1 个；更长的文本会拆分成多段</translation>
        </message>
        <message numerus="yes">
            <source>Generate speech: %n part(s)</source>
            <translation>
                <numerusform>生成语音：%n 段</numerusform>
            </translation>
        </message>
        <message>
            <source> (about %1)</source>
            <translation>（约 %1）</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; characters</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; 个字符</translation>
        </message>
        <message>
            <source> · &lt;b&gt;%1 parts&lt;/b&gt; (split at sentence ends, at most %2 each) · about &lt;b&gt;%3&lt;/b&gt; in total (%4)</source>
            <translation> · &lt;b&gt;%1 段&lt;/b&gt;（在句末拆分，每段最多 %2 个）· 共约 &lt;b&gt;%3&lt;/b&gt;（%4）</translation>
        </message>
        <message>
            <source> · about &lt;b&gt;%1&lt;/b&gt;</source>
            <translation> · 约 &lt;b&gt;%1&lt;/b&gt;</translation>
        </message>
        <message>
            <source> · balance %1</source>
            <translation> · 余额 %1</translation>
        </message>
        <message>
            <source>(more than your balance)</source>
            <translation>（超出您的余额）</translation>
        </message>
        <message>
            <source>needs a varg key · &lt;a href="keys"&gt;Add a varg key&lt;/a&gt;</source>
            <translation>需要 varg 密钥 · &lt;a href="keys"&gt;添加 varg 密钥&lt;/a&gt;</translation>
        </message>
        <message>
            <source>varg runs ElevenLabs' voices; add its API key to use them</source>
            <translation>varg 提供 ElevenLabs 的音色；添加其 API 密钥即可使用</translation>
        </message>
        <message>
            <source>unknown</source>
            <comment>a cost</comment>
            <translation>未知</translation>
        </message>
        <message numerus="yes">
            <source>Synthesizing %n part(s)</source>
            <translation>
                <numerusform>正在合成 %n 段</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (about %2)…</source>
            <translation>%1（约 %2）…</translation>
        </message>
        <message>
            <source>Continuing at part %1 of %2…</source>
            <translation>正在从第 %1 段继续（共 %2 段）…</translation>
        </message>
        <message>
            <source>Retry from part %1</source>
            <translation>从第 %1 段重试</translation>
        </message>
        <message numerus="yes">
            <source>Cancelled. %n part(s) had been synthesized and charged (%1).</source>
            <translation>
                <numerusform>已取消。已有 %n 个片段完成合成并扣费（%1）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Cancelled. Nothing was charged.</source>
            <translation>已取消。未扣费。</translation>
        </message>
        <message>
            <source> from %1 parts joined into one file</source>
            <translation>，由 %1 段合并为一个文件</translation>
        </message>
        <message>
            <source>Charged &lt;b&gt;%1&lt;/b&gt; (estimated %2).</source>
            <translation>已扣 &lt;b&gt;%1&lt;/b&gt;（预估 %2）。</translation>
        </message>
        <message>
            <source>Add a varg key first: nothing is sent without one.</source>
            <translation>请先添加 varg 密钥：没有密钥不会发送任何内容。</translation>
        </message>
        <message>
            <source>Sending to varg (%1)…</source>
            <translation>正在发送给 varg（%1）…</translation>
        </message>
        <message>
            <source>varg finished, but the audio could not be downloaded; see the Job Queue.</source>
            <translation>varg 已完成，但无法下载音频；请查看任务队列。</translation>
        </message>
        <message>
            <source>%1, %2 through varg.</source>
            <translation>%1，通过 varg 使用 %2。</translation>
        </message>
        <message>
            <source>Cannot play the audio: %1</source>
            <translation>无法播放音频：%1</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Save speech</source>
            <translation>保存语音</translation>
        </message>
        <message>
            <source>Could not save the audio: %1</source>
            <translation>无法保存音频：%1</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
    </context>
    <context>
        <name>ToolNav</name>
        <message>
            <source>Tools</source>
            <translation>工具</translation>
        </message>
        <message>
            <source>%1 tools</source>
            <comment>a group of tools, read aloud</comment>
            <translation>%1工具</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>a tool's title and its summary</comment>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>a tooltip and its keyboard shortcut</comment>
            <translation>%1（%2）</translation>
        </message>
        <message numerus="yes">
            <source>%n finished since you last looked</source>
            <translation>
                <numerusform>自你上次查看后已完成 %n 个任务</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1, %n new</source>
            <comment>a tool's title and its unseen finished jobs, read aloud</comment>
            <translation>
                <numerusform>%1，%n 个新任务</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Trimmer</name>
        <message>
            <source>Auto (fastest to upload)</source>
            <translation>自动（上传最快）</translation>
        </message>
        <message>
            <source>Smart (frame-accurate, fast)</source>
            <translation>智能（帧精确，快速）</translation>
        </message>
        <message>
            <source>Exact (re-encode everything)</source>
            <translation>精确（全部重新编码）</translation>
        </message>
        <message>
            <source>Copy (fastest, may start early)</source>
            <translation>复制（最快，可能提前开始）</translation>
        </message>
        <message>
            <source>Compact (re-encode to fewer bytes)</source>
            <translation>紧凑（重新编码以减小体积）</translation>
        </message>
        <message>
            <source>Chooses the preparation that gets the file uploaded soonest on your connection: a smart cut or copy on a fast link, a compact re-encode on a slow one. The preview plays a smart cut.</source>
            <translation>按你的网络选择能最快完成上传的处理方式：网速快时用智能剪切或直接复制，网速慢时用紧凑重新编码。预览播放的是智能剪切的结果。</translation>
        </message>
        <message>
            <source>Re-encodes the whole selection at a quality-targeted bit rate (never above the source's): fewer bytes to upload, every frame encoded.</source>
            <translation>以保证画质的码率重新编码整个选段（不超过原视频的码率）：上传的数据更少，但每一帧都要编码。</translation>
        </message>
        <message>
            <source>Frame-accurate: re-encodes only the frames up to the first keyframe (and a few at the end), copies the rest untouched. Nearly as fast as Copy.</source>
            <translation>帧精确：只重新编码第一个关键帧之前的帧（以及结尾的几帧），其余部分原样复制。速度几乎与“复制”一样快。</translation>
        </message>
        <message>
            <source>Re-encodes the whole selection: frame-accurate, slower, upright output for rotated videos.</source>
            <translation>重新编码整个选区：帧精确，较慢，旋转过的视频会输出为正向画面。</translation>
        </message>
        <message>
            <source>Copies whole keyframe groups without re-encoding: fastest and lossless, but it may start at the keyframe before the in point (and so be billed for more seconds).</source>
            <translation>不重新编码，按完整关键帧组复制：最快且无损，但可能从入点之前的关键帧开始（因此可能按更多秒数计费）。</translation>
        </message>
        <message>
            <source>Load a video first.</source>
            <translation>请先加载视频。</translation>
        </message>
        <message>
            <source>Back to the source</source>
            <translation>返回源视频</translation>
        </message>
        <message>
            <source>Stop showing the cut and go back to the whole clip.</source>
            <translation>不再显示剪切结果，返回完整片段。</translation>
        </message>
        <message>
            <source>Play the selection (Space); it stops at the out point.</source>
            <translation>播放选区（空格键）；播放到出点时停止。</translation>
        </message>
        <message>
            <source>One frame back (Left; Shift+Left: one second)</source>
            <translation>后退一帧（左方向键；Shift+左方向键：一秒）</translation>
        </message>
        <message>
            <source>One frame forward (Right; Shift+Right: one second)</source>
            <translation>前进一帧（右方向键；Shift+右方向键：一秒）</translation>
        </message>
        <message>
            <source>Playhead / clip length (m:ss.mmm)</source>
            <translation>播放头 / 片段时长（m:ss.mmm）</translation>
        </message>
        <message>
            <source>Loop</source>
            <translation>循环</translation>
        </message>
        <message>
            <source>Play the selection over and over instead of stopping at the out point.</source>
            <translation>反复播放选区，而不是在出点停止。</translation>
        </message>
        <message>
            <source>Snap to keyframes</source>
            <translation>吸附到关键帧</translation>
        </message>
        <message>
            <source>Move the in and out points to the nearest keyframe (yellow ticks). A cut starting on a keyframe is lossless in every mode.</source>
            <translation>将入点和出点移到最近的关键帧（黄色刻度）。从关键帧开始的剪切在任何模式下都是无损的。</translation>
        </message>
        <message>
            <source>In point: the first frame of the selection (type seconds or m:ss.mmm).</source>
            <translation>入点：选区的第一帧（输入秒数或 m:ss.mmm）。</translation>
        </message>
        <message>
            <source>Out point: the selection ends just before this time.</source>
            <translation>出点：选区在此时间之前结束。</translation>
        </message>
        <message>
            <source>Set in (I)</source>
            <translation>设为入点 (I)</translation>
        </message>
        <message>
            <source>Start the selection at the playhead.</source>
            <translation>从播放头处开始选区。</translation>
        </message>
        <message>
            <source>Set out (O)</source>
            <translation>设为出点 (O)</translation>
        </message>
        <message>
            <source>End the selection at the playhead.</source>
            <translation>在播放头处结束选区。</translation>
        </message>
        <message>
            <source>In</source>
            <translation>入点</translation>
        </message>
        <message>
            <source>Out</source>
            <translation>出点</translation>
        </message>
        <message>
            <source>How the selection is cut out before it is uploaded.</source>
            <translation>上传前如何剪切选区。</translation>
        </message>
        <message>
            <source>Preview cut</source>
            <translation>预览剪切</translation>
        </message>
        <message>
            <source>Cut the selection now, the way it will be uploaded, and play the result.</source>
            <translation>立即按上传时的方式剪切选区，并播放结果。</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop the cut (Escape).</source>
            <translation>停止剪切（Esc）。</translation>
        </message>
        <message>
            <source>Cut</source>
            <translation>剪切</translation>
        </message>
        <message>
            <source>Still reading %1…</source>
            <translation>仍在读取 %1…</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>正在读取 %1…</translation>
        </message>
        <message>
            <source>%1 cannot be read: %2</source>
            <translation>无法读取 %1：%2</translation>
        </message>
        <message>
            <source>Drop a video to trim it</source>
            <translation>拖放视频以进行裁剪</translation>
        </message>
        <message>
            <source>The selection is empty; move the out point after the in point.</source>
            <translation>选区为空；请将出点移到入点之后。</translation>
        </message>
        <message>
            <source>The selection (%1 ms) is shorter than one frame (%2 ms); make it longer.</source>
            <translation>选区（%1 毫秒）短于一帧（%2 毫秒）；请加长选区。</translation>
        </message>
        <message>
            <source>Pause (Space)</source>
            <translation>暂停（空格键）</translation>
        </message>
        <message>
            <source>The preview cannot play this video: %1</source>
            <translation>预览无法播放此视频：%1</translation>
        </message>
        <message>
            <source>Starting</source>
            <translation>正在开始</translation>
        </message>
        <message>
            <source>Cut cancelled.</source>
            <translation>剪切已取消。</translation>
        </message>
        <message>
            <source>The cut failed: %1</source>
            <translation>剪切失败：%1</translation>
        </message>
        <message>
            <source>Cutting</source>
            <translation>正在剪切</translation>
        </message>
        <message>
            <source>%1 (%2 cut) %3</source>
            <translation>%1（%2 剪切）%3</translation>
        </message>
        <message>
            <source>Playing the cut (what will be uploaded)</source>
            <translation>正在播放剪切结果（即将上传的内容）</translation>
        </message>
        <message>
            <source>smart</source>
            <comment>a cut mode</comment>
            <translation>智能</translation>
        </message>
        <message>
            <source>exact</source>
            <comment>a cut mode</comment>
            <translation>精确</translation>
        </message>
        <message>
            <source>copy</source>
            <comment>a cut mode</comment>
            <translation>复制</translation>
        </message>
        <message>
            <source>compact</source>
            <comment>a cut mode</comment>
            <translation>紧凑</translation>
        </message>
        <message>
            <source>(asked %1)</source>
            <translation>（请求的是 %1）</translation>
        </message>
        <message>
            <source>%1 ms</source>
            <translation>%1 毫秒</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <source>Cut: %1 (%2 s), %3, made in %4.</source>
            <translation>剪切：%1（%2 秒），%3，用时 %4。</translation>
        </message>
        <message>
            <source>%1.</source>
            <comment>a cut's note made a sentence</comment>
            <translation>%1。</translation>
        </message>
        <message>
            <source>It is billed as %1 s instead of %2 s.</source>
            <translation>将按 %1 秒而不是 %2 秒计费。</translation>
        </message>
        <message>
            <source>It is longer than %1 s: %2 will refuse it.</source>
            <translation>时长超过 %1 秒：%2 会拒绝它。</translation>
        </message>
        <message>
            <source>Selected %1 s (%2 frames) of %3 · at most %4 s</source>
            <translation>已选 %1 秒（%2 帧），共 %3 · 最多 %4 秒</translation>
        </message>
        <message>
            <source>The selection is within the per-job limit.</source>
            <translation>选区在单个任务的限制之内。</translation>
        </message>
    </context>
    <context>
        <name>UsageChart</name>
        <message>
            <source>Credits per day</source>
            <translation>每日积分</translation>
        </message>
        <message>
            <source>Loading usage…</source>
            <translation>正在加载用量…</translation>
        </message>
        <message>
            <source>No credits used in this period.</source>
            <translation>此期间未使用积分。</translation>
        </message>
        <message>
            <source>MMM d</source>
            <comment>a chart's day label (a Qt date format)</comment>
            <translation>M月d日</translation>
        </message>
        <message>
            <source>ddd dd MMM yyyy</source>
            <comment>a bar's date in its tooltip (a Qt date format)</comment>
            <translation>yyyy年M月d日 ddd</translation>
        </message>
    </context>
    <context>
        <name>VargChoice</name>
        <message>
            <source>Vimmerse</source>
            <translation>Vimmerse</translation>
        </message>
        <message>
            <source>varg</source>
            <translation>varg</translation>
        </message>
        <message>
            <source>needs a Vimmerse key · &lt;a href="keys"&gt;Add a Vimmerse key&lt;/a&gt;</source>
            <translation>需要 Vimmerse 密钥 · &lt;a href="keys"&gt;添加 Vimmerse 密钥&lt;/a&gt;</translation>
        </message>
        <message>
            <source>working it out…</source>
            <translation>计算中…</translation>
        </message>
        <message>
            <source>Vimmerse: %1</source>
            <translation>Vimmerse：%1</translation>
        </message>
    </context>
    <context>
        <name>VargKeysPage</name>
        <message>
            <source>In the sandbox your own provider keys are kept but not sent: they go to varg's servers only.</source>
            <translation>在沙盒中，你自己的服务商密钥会保留但不会发送：它们只会发送到 varg 的服务器。</translation>
        </message>
        <message>
            <source>fal.ai</source>
            <translation>fal.ai</translation>
        </message>
        <message>
            <source>ElevenLabs</source>
            <translation>ElevenLabs</translation>
        </message>
        <message>
            <source>Higgsfield</source>
            <translation>Higgsfield</translation>
        </message>
        <message>
            <source>Replicate</source>
            <translation>Replicate</translation>
        </message>
        <message>
            <source>Your own provider keys (optional)</source>
            <translation>你自己的服务商密钥（可选）</translation>
        </message>
        <message>
            <source>With your own key, varg does not bill that provider's models: the provider bills you. varg cannot check a provider key, so it is checked when first used (a wrong one fails that job).</source>
            <translation>使用你自己的密钥时，varg 不对该服务商的模型计费，而由服务商向你收费。varg 无法验证服务商密钥，因此会在首次使用时验证（错误的密钥会使该任务失败）。</translation>
        </message>
        <message>
            <source>paste your %1 key</source>
            <translation>粘贴你的 %1 密钥</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Stored in the OS keyring, sent only to varg and only for %1 models.</source>
            <translation>保存在系统密钥环中，只发送给 varg，且只用于 %1 模型。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>from %1 (read-only)</source>
            <translation>来自 %1（只读）</translation>
        </message>
        <message>
            <source>for this session only</source>
            <translation>仅用于本次会话</translation>
        </message>
        <message>
            <source>saved in the OS keyring</source>
            <translation>已保存在系统密钥环中</translation>
        </message>
        <message>
            <source>not set</source>
            <comment>a provider key</comment>
            <translation>未设置</translation>
        </message>
        <message>
            <source>Without your own key, varg uses its own %1 key and bills you.</source>
            <translation>没有你自己的密钥时，varg 使用它自己的 %1 密钥并向你计费。</translation>
        </message>
        <message>
            <source>The %1 key was not saved: %2</source>
            <translation>%1 密钥未保存：%2</translation>
        </message>
        <message>
            <source>Your %1 key is saved for this session only: varg uses it for %1 models once you leave the sandbox.</source>
            <translation>你的 %1 密钥已保存，仅用于本次会话：离开沙盒后，varg 会将其用于 %1 模型。</translation>
        </message>
        <message>
            <source>Your %1 key is saved in the OS keyring: varg uses it for %1 models once you leave the sandbox.</source>
            <translation>你的 %1 密钥已保存在系统密钥环中：离开沙盒后，varg 会将其用于 %1 模型。</translation>
        </message>
        <message>
            <source>Your %1 key is saved for this session only: varg uses it for %1 models. It is checked by the provider when first used.</source>
            <translation>你的 %1 密钥已保存，仅用于本次会话：varg 会将其用于 %1 模型。服务商会在首次使用时验证它。</translation>
        </message>
        <message>
            <source>Your %1 key is saved in the OS keyring: varg uses it for %1 models. It is checked by the provider when first used.</source>
            <translation>你的 %1 密钥已保存在系统密钥环中：varg 会将其用于 %1 模型。服务商会在首次使用时验证它。</translation>
        </message>
        <message>
            <source>Removed your %1 key from this computer: varg bills %1 models again.</source>
            <translation>已从本机移除你的 %1 密钥：varg 将重新对 %1 模型计费。</translation>
        </message>
    </context>
    <context>
        <name>VargMusicPanel</name>
        <message>
            <source>Make music</source>
            <translation>生成音乐</translation>
        </message>
        <message>
            <source>Music generation</source>
            <translation>音乐生成</translation>
        </message>
        <message>
            <source>Describe the music: genre, mood, instruments, tempo…  (Ctrl+Enter)</source>
            <translation>描述音乐：风格、情绪、乐器、节奏…（Ctrl+Enter）</translation>
        </message>
        <message>
            <source> s</source>
            <comment>seconds</comment>
            <translation> 秒</translation>
        </message>
        <message>
            <source>No music yet. Every tune made in this session is listed here; the selected one plays, and Save… keeps a copy where you choose.</source>
            <translation>还没有音乐。本次会话生成的每首曲子都会列在这里；选中的会播放，“保存…”可把副本存到你选择的位置。</translation>
        </message>
        <message>
            <source>Put onto a video…</source>
            <translation>配到视频上…</translation>
        </message>
        <message>
            <source>Use this tune on the Vimmerse side: drop a video and choose how it is attached</source>
            <translation>在 Vimmerse 一侧使用这首曲子：拖入视频并选择配入方式</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Music to make:</source>
            <translation>要生成的音乐：</translation>
        </message>
        <message>
            <source>&lt;b&gt;Music&lt;/b&gt;</source>
            <translation>&lt;b&gt;音乐&lt;/b&gt;</translation>
        </message>
        <message>
            <source>%1 s to %2 min</source>
            <translation>%1 秒到 %2 分钟</translation>
        </message>
        <message>
            <source>Describe the music first.</source>
            <translation>请先描述音乐。</translation>
        </message>
        <message>
            <source>varg finished, but the music could not be downloaded; see the Job Queue.</source>
            <translation>varg 已完成，但音乐无法下载；请查看任务队列。</translation>
        </message>
    </context>
    <context>
        <name>VargOutcome</name>
        <message>
            <source>Estimate: working it out…</source>
            <translation>预估：计算中…</translation>
        </message>
        <message>
            <source>Estimate: %1</source>
            <translation>预估：%1</translation>
        </message>
        <message>
            <source>varg job %1</source>
            <translation>varg 任务 %1</translation>
        </message>
        <message>
            <source>From %1.</source>
            <translation>来自%1。</translation>
        </message>
    </context>
    <context>
        <name>VargPanel</name>
        <message>
            <source>needs a varg key · &lt;a href="keys"&gt;Add a varg key&lt;/a&gt;</source>
            <translation>需要 varg 密钥 · &lt;a href="keys"&gt;添加 varg 密钥&lt;/a&gt;</translation>
        </message>
        <message>
            <source>price unknown</source>
            <translation>价格未知</translation>
        </message>
        <message>
            <source>%1 (free)</source>
            <translation>%1（免费）</translation>
        </message>
        <message>
            <source>%1 (probably free)</source>
            <translation>%1（可能免费）</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>free</source>
            <translation>免费</translation>
        </message>
        <message>
            <source>probably from cache: free</source>
            <translation>可能来自缓存：免费</translation>
        </message>
        <message>
            <source>probably from cache: free; otherwise %1</source>
            <translation>可能来自缓存：免费；否则为 %1</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>this</source>
            <translation>此功能</translation>
        </message>
        <message>
            <source>%1 runs on varg: add a varg API key to use it. Nothing is sent until you do.</source>
            <translation>%1在 varg 上运行：添加 varg API 密钥后即可使用。在此之前不会发送任何内容。</translation>
        </message>
        <message>
            <source>Add a varg key…</source>
            <translation>添加 varg 密钥…</translation>
        </message>
        <message>
            <source>Send to varg (Ctrl+Enter)</source>
            <translation>发送到 varg（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Add a varg key in File &gt; Manage API keys (Ctrl+Shift+K).</source>
            <translation>请在“文件 &gt; 管理 API 密钥”（Ctrl+Shift+K）中添加 varg 密钥。</translation>
        </message>
        <message>
            <source>varg needs its API key</source>
            <translation>varg 需要它的 API 密钥</translation>
        </message>
        <message>
            <source>Add a varg key first: nothing is sent without one.</source>
            <translation>请先添加 varg 密钥：没有密钥不会发送任何内容。</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Sending to varg…</source>
            <translation>正在发送到 varg…</translation>
        </message>
    </context>
    <context>
        <name>VargRunner</name>
        <message>
            <source>an unknown amount</source>
            <translation>未知金额</translation>
        </message>
        <message>
            <source>%1 Nothing was sent.</source>
            <translation>%1 未发送任何内容。</translation>
        </message>
        <message>
            <source>Not sent again; nothing was charged.</source>
            <translation>未再次发送；未扣费。</translation>
        </message>
        <message>
            <source>Cancelled before sending; nothing was charged.</source>
            <translation>已在发送前取消；未扣费。</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>未发送：%1</translation>
        </message>
        <message>
            <source>Not sent: the job queue is not available.</source>
            <translation>未发送：任务队列不可用。</translation>
        </message>
        <message>
            <source>Sending to varg…</source>
            <translation>正在发送到 varg…</translation>
        </message>
        <message>
            <source>Creating the job on varg…</source>
            <translation>正在 varg 上创建任务…</translation>
        </message>
        <message>
            <source>Uploading to varg…</source>
            <translation>正在上传到 varg…</translation>
        </message>
        <message>
            <source>The job finished on varg but its result could not be downloaded: %1</source>
            <translation>任务已在 varg 上完成，但结果无法下载：%1</translation>
        </message>
        <message>
            <source>see the Job Queue</source>
            <translation>请查看任务队列</translation>
        </message>
        <message>
            <source>Downloading the result…</source>
            <translation>正在下载结果…</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>失败：%1</translation>
        </message>
        <message>
            <source>the job failed on varg</source>
            <translation>任务在 varg 上失败</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>May have been sent: the connection failed while the job was being created. It is not sent again by itself; see the Job Queue.</source>
            <translation>可能已发送：创建任务时连接中断。不会自动再次发送；请查看任务队列。</translation>
        </message>
        <message>
            <source>Waiting for a free slot on your varg plan…</source>
            <translation>正在等待你的 varg 套餐空出名额…</translation>
        </message>
        <message>
            <source>Queued on varg…</source>
            <translation>已在 varg 上排队…</translation>
        </message>
        <message>
            <source>Processing on varg…</source>
            <translation>正在 varg 上处理…</translation>
        </message>
        <message>
            <source>Estimate: %1</source>
            <translation>预估：%1</translation>
        </message>
    </context>
    <context>
        <name>VargSide</name>
        <message>
            <source>probably from cache: free</source>
            <translation>可能来自缓存：免费</translation>
        </message>
        <message>
            <source>%1 a minute</source>
            <translation>每分钟 %1</translation>
        </message>
        <message>
            <source>%1 per %2</source>
            <translation>每%2 %1</translation>
        </message>
        <message>
            <source>Cancel this varg job</source>
            <translation>取消这个 varg 任务</translation>
        </message>
        <message>
            <source>Add a varg key in File &gt; Manage API keys (Ctrl+Shift+K).</source>
            <translation>请在“文件 &gt; 管理 API 密钥”（Ctrl+Shift+K）中添加 varg 密钥。</translation>
        </message>
        <message>
            <source>No varg key: &lt;a href='%1'&gt;Add a varg key&lt;/a&gt;</source>
            <translation>没有 varg 密钥：&lt;a href='%1'&gt;添加 varg 密钥&lt;/a&gt;</translation>
        </message>
        <message>
            <source>varg needs its own API key (File &gt; Manage API keys, varg tab)</source>
            <translation>varg 需要自己的 API 密钥（文件 &gt; 管理 API 密钥，varg 选项卡）</translation>
        </message>
        <message>
            <source>Add a varg key to use varg.</source>
            <translation>添加 varg 密钥即可使用 varg。</translation>
        </message>
        <message>
            <source>cost unknown</source>
            <translation>费用未知</translation>
        </message>
        <message>
            <source>After the job, the charge from varg's usage record is shown.</source>
            <translation>任务完成后，将显示 varg 用量记录中的扣费。</translation>
        </message>
        <message>
            <source>Add a varg key first (File &gt; Manage API keys, varg tab); nothing was sent.</source>
            <translation>请先添加 varg 密钥（文件 &gt; 管理 API 密钥，varg 选项卡）；未发送任何内容。</translation>
        </message>
        <message>
            <source>The cost of this varg request is not known; nothing was sent.</source>
            <translation>这个 varg 请求的费用未知；未发送任何内容。</translation>
        </message>
        <message>
            <source>Sending to varg…</source>
            <translation>正在发送到 varg…</translation>
        </message>
    </context>
    <context>
        <name>VargVideoPanel</name>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Video from varg's models</source>
            <translation>varg 模型视频生成</translation>
        </message>
        <message>
            <source>Text to video</source>
            <translation>文字生成视频</translation>
        </message>
        <message>
            <source>Image to video</source>
            <translation>图片生成视频</translation>
        </message>
        <message>
            <source>Start image</source>
            <translation>起始图片</translation>
        </message>
        <message>
            <source>Drop the image the clip starts from (JPG, PNG, WebP)</source>
            <translation>拖放片段的起始图片（JPG、PNG、WebP）</translation>
        </message>
        <message>
            <source>Choose the start image</source>
            <translation>选择起始图片</translation>
        </message>
        <message>
            <source>I have the right to use the people in this image</source>
            <translation>我有权使用这张图片中的人物</translation>
        </message>
        <message>
            <source>Describe the clip: who, what happens, the camera, the light…  (Ctrl+Enter)</source>
            <translation>描述片段：人物、情节、镜头、光线……（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>The clip's length: only the lengths this model makes</source>
            <translation>片段时长：仅限此模型支持的时长</translation>
        </message>
        <message>
            <source>The clip's shape</source>
            <translation>片段的画面比例</translation>
        </message>
        <message>
            <source>Your varg clips appear here: every clip made in this session, newest first.</source>
            <translation>varg 生成的片段会显示在这里：本次会话中生成的每个片段，最新的在最前。</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Length</source>
            <comment>a clip's duration</comment>
            <translation>时长</translation>
        </message>
        <message>
            <source>Ratio</source>
            <comment>aspect ratio</comment>
            <translation>比例</translation>
        </message>
        <message>
            <source>Make a clip from:</source>
            <translation>生成片段的依据：</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>%1 s</source>
            <comment>seconds</comment>
            <translation>%1 秒</translation>
        </message>
        <message>
            <source>%1: not an image this app can show</source>
            <translation>%1：不是本应用能显示的图片</translation>
        </message>
        <message>
            <source>Drop the image the clip starts from.</source>
            <translation>请拖放片段的起始图片。</translation>
        </message>
        <message>
            <source>Describe the clip first.</source>
            <translation>请先描述片段。</translation>
        </message>
        <message>
            <source>Checking the image…</source>
            <translation>正在检查图片…</translation>
        </message>
        <message>
            <source>Tick the box to confirm you have the right to use the people in this image.</source>
            <translation>请勾选复选框，确认你有权使用这张图片中的人物。</translation>
        </message>
        <message>
            <source>varg finished, but the clip could not be downloaded; see the Job Queue.</source>
            <translation>varg 已完成，但无法下载片段；请查看任务队列。</translation>
        </message>
    </context>
    <context>
        <name>VideoEnhancePage</name>
        <message>
            <source>4X upscale + DeepClean</source>
            <translation>4 倍放大 + DeepClean</translation>
        </message>
        <message>
            <source>4X upscale</source>
            <translation>4 倍放大</translation>
        </message>
        <message>
            <source>2X upscale</source>
            <translation>2 倍放大</translation>
        </message>
        <message>
            <source>2X upscale + DeepClean</source>
            <translation>2 倍放大 + DeepClean</translation>
        </message>
        <message>
            <source>DeepClean only (denoise, same size)</source>
            <translation>仅 DeepClean（降噪，尺寸不变）</translation>
        </message>
        <message>
            <source>Four times the width and height, with noise and compression artefacts cleaned (Vimmerse's default).</source>
            <translation>宽高各放大四倍，并清除噪点和压缩瑕疵（Vimmerse 的默认设置）。</translation>
        </message>
        <message>
            <source>Four times the width and height.</source>
            <translation>宽高各放大四倍。</translation>
        </message>
        <message>
            <source>Twice the width and height.</source>
            <translation>宽高各放大两倍。</translation>
        </message>
        <message>
            <source>Twice the width and height, with noise and compression artefacts cleaned.</source>
            <translation>宽高各放大两倍，并清除噪点和压缩瑕疵。</translation>
        </message>
        <message>
            <source>Removes noise and compression artefacts; the size stays.</source>
            <translation>清除噪点和压缩瑕疵；尺寸不变。</translation>
        </message>
        <message>
            <source>Enhance</source>
            <translation>增强</translation>
        </message>
        <message>
            <source>Verging</source>
            <translation>Verging</translation>
        </message>
        <message>
            <source>Verging's enhancement: normal or HD, priced per second in Verging credits.</source>
            <translation>Verging 的增强：普通或高清，按秒以 Verging 积分计费。</translation>
        </message>
        <message>
            <source>Vimmerse</source>
            <translation>Vimmerse</translation>
        </message>
        <message>
            <source>Vimmerse's enhancement: 2X or 4X upscaling and DeepClean, priced in Vimmerse credits.</source>
            <translation>Vimmerse 的增强：2 倍或 4 倍放大及 DeepClean，以 Vimmerse 积分计费。</translation>
        </message>
        <message>
            <source>Vimmerse enhance mode</source>
            <translation>Vimmerse 增强模式</translation>
        </message>
        <message>
            <source>Compression</source>
            <translation>压缩</translation>
        </message>
        <message>
            <source>How strongly the result is compressed: 0 keeps the most detail (largest file), 1 the smallest file. Vimmerse's default is 0.5.</source>
            <translation>结果的压缩程度：0 保留最多细节（文件最大），1 文件最小。Vimmerse 的默认值为 0.5。</translation>
        </message>
        <message>
            <source>Mode</source>
            <translation>模式</translation>
        </message>
        <message>
            <source>Cut, upload and send to Vimmerse (Ctrl+Enter)</source>
            <translation>剪切、上传并发送到 Vimmerse（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Cut, upload and create the job(s) (Ctrl+Enter)</source>
            <translation>剪切、上传并创建任务（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Vimmerse: %1</source>
            <translation>Vimmerse：%1</translation>
        </message>
        <message>
            <source>2X: %1, 4X + DeepClean: %2 Vimmerse credits per started 5 s (local price table).</source>
            <translation>2 倍：%1，4 倍 + DeepClean：%2 Vimmerse 积分/每开始的 5 秒（本地价格表）。</translation>
        </message>
        <message>
            <source>working out…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>%1 with Vimmerse</source>
            <translation>用 Vimmerse %1</translation>
        </message>
    </context>
    <context>
        <name>VideoSlot</name>
        <message>
            <source>Using the preview's cut…</source>
            <translation>使用预览的剪辑…</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 分钟</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <source>Drop a video to trim it: mark the part to send (up to %1).</source>
            <translation>拖放视频进行截取：标出要发送的部分（最长 %1）。</translation>
        </message>
        <message>
            <source>Loading %1…</source>
            <translation>正在加载 %1…</translation>
        </message>
        <message>
            <source>Cutting the selection…</source>
            <translation>正在剪切所选片段…</translation>
        </message>
    </context>
    <context>
        <name>VideoToolPage</name>
        <message numerus="yes">
            <source>%n video(s)</source>
            <translation>
                <numerusform>%n 个视频</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n job(s)</source>
            <translation>
                <numerusform>%n 个任务</numerusform>
            </translation>
        </message>
        <message>
            <source>I have the right to use this face and this video</source>
            <translation>我有权使用这张面孔和这段视频</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Drop a video (or several for a batch)</source>
            <translation>拖放视频（多个则批量处理）</translation>
        </message>
        <message>
            <source>Choose videos</source>
            <translation>选择视频</translation>
        </message>
        <message>
            <source>Click a video to trim it; each keeps its own in and out points</source>
            <translation>点击视频进行截取；每个视频保留各自的入点和出点</translation>
        </message>
        <message>
            <source>Face</source>
            <translation>面孔</translation>
        </message>
        <message>
            <source>Drop a photo of the face (JPG, PNG or WebP)</source>
            <translation>拖放面孔照片（JPG、PNG 或 WebP）</translation>
        </message>
        <message>
            <source>Choose face images</source>
            <translation>选择面孔图片</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 分钟</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <source>Drop a video to trim it: mark the part to send (up to %1 per job).</source>
            <translation>拖放视频进行截取：标出要发送的部分（每个任务最长 %1）。</translation>
        </message>
        <message>
            <source>Cut, upload and create the job(s) (Ctrl+Enter)</source>
            <translation>剪切、上传并创建任务（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>MP4 video (*.mp4)</source>
            <translation>MP4 视频 (*.mp4)</translation>
        </message>
        <message>
            <source>Save the result as</source>
            <translation>将结果另存为</translation>
        </message>
        <message>
            <source>Submit a job: when it is done, the original and the result play here in sync.</source>
            <translation>提交任务：完成后，原视频与结果会在这里同步播放。</translation>
        </message>
        <message>
            <source>HD (%1 per second)</source>
            <translation>高清（每秒 %1）</translation>
        </message>
        <message>
            <source>Drop a video.</source>
            <translation>请拖放视频。</translation>
        </message>
        <message>
            <source>None of the videos can be used.</source>
            <translation>没有可用的视频。</translation>
        </message>
        <message>
            <source>None of the videos can be sent: %1</source>
            <translation>没有可发送的视频：%1</translation>
        </message>
        <message>
            <source>Drop a photo of the face.</source>
            <translation>请拖放面孔照片。</translation>
        </message>
        <message>
            <source>None of the face images can be used.</source>
            <translation>没有可用的面孔图片。</translation>
        </message>
        <message>
            <source>Use one face with several videos, or one video with several faces.</source>
            <translation>请用一张面孔配多个视频，或一个视频配多张面孔。</translation>
        </message>
        <message>
            <source>%1: the first %2 s of %3</source>
            <translation>%1：%3 中的前 %2 秒</translation>
        </message>
        <message>
            <source>Left out: %1</source>
            <translation>已排除：%1</translation>
        </message>
        <message>
            <source>Batch: %1 with the same settings (%2).</source>
            <translation>批量：%1，设置相同（%2）。</translation>
        </message>
        <message>
            <source>%1: %2 to %3, %4</source>
            <translation>%1：%2 至 %3，%4</translation>
        </message>
        <message>
            <source> (first 30 s)</source>
            <translation>（前 30 秒）</translation>
        </message>
        <message>
            <source>%1 is used (not trimmed).</source>
            <translation>将使用%1（未截取）。</translation>
        </message>
        <message>
            <source> (+%1 more)</source>
            <translation>（另有 %1 个）</translation>
        </message>
        <message numerus="yes">
            <source>%n face(s)</source>
            <translation>
                <numerusform>%n 张人脸</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>a file name and why it was refused</comment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>%1 — checking…</source>
            <translation>%1 — 检查中…</translation>
        </message>
        <message>
            <source>%1 — %2 to %3 (%4 s)</source>
            <comment>a video's name, its trim start, end and length</comment>
            <translation>%1 — %2 至 %3（%4 秒）</translation>
        </message>
        <message>
            <source>; %1 long: the first %2 s unless trimmed</source>
            <translation>；全长 %1：未剪辑时只用前 %2 秒</translation>
        </message>
        <message>
            <source>%1 is %2 MB; a face image may be at most %3 MB. Use a smaller photo.</source>
            <translation>%1 大小为 %2 MB；人脸图片最大 %3 MB。请换一张更小的照片。</translation>
        </message>
        <message>
            <source>%1 — %2×%3</source>
            <comment>a face image's name and size in pixels</comment>
            <translation>%1 — %2×%3</translation>
        </message>
        <message>
            <source>This video came from a web address: it is someone else's video unless you have the right to use it. Tick the box only if you do.</source>
            <translation>这个视频来自网址：除非你有权使用，否则它是别人的视频。只有在你有权使用时才勾选此框。</translation>
        </message>
        <message>
            <source>sent as they are, one after another</source>
            <translation>原样逐个上传</translation>
        </message>
        <message>
            <source>%1 jobs, %2 in all, %3: the last upload should be done in about %4.</source>
            <translation>%1 个任务，共 %2，%3：最后一个约 %4 后上传完毕。</translation>
        </message>
        <message>
            <source>about %1 s left</source>
            <translation>还需约 %1 秒</translation>
        </message>
        <message>
            <source>Working out the cost…</source>
            <translation>正在计算费用…</translation>
        </message>
        <message>
            <source>%1 s x %2</source>
            <translation>%1 秒 × %2</translation>
        </message>
        <message>
            <source>%1, %2 s in all x %3</source>
            <translation>%1，共 %2 秒 × %3</translation>
        </message>
        <message>
            <source>HD on</source>
            <translation>高清：开</translation>
        </message>
        <message>
            <source>HD off</source>
            <translation>高清：关</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>%1: %2 (%3)</source>
            <translation>%1：%2（%3）</translation>
        </message>
        <message>
            <source>Tick the box to confirm you have the right to use this face and this video.</source>
            <translation>请勾选复选框，确认你有权使用这张面孔和这段视频。</translation>
        </message>
        <message>
            <source>Not enough credits: %1 short.</source>
            <translation>积分不足：还差 %1。</translation>
        </message>
        <message>
            <source>Waiting to start…</source>
            <translation>等待开始…</translation>
        </message>
        <message>
            <source>Sending %1…</source>
            <translation>正在发送 %1…</translation>
        </message>
        <message>
            <source>%1 queued</source>
            <translation>%1已加入队列</translation>
        </message>
        <message>
            <source>%1 may have been sent (see the Job Queue)</source>
            <translation>%1可能已发送（请查看任务队列）</translation>
        </message>
        <message>
            <source>%1 not sent</source>
            <translation>%1未发送</translation>
        </message>
        <message>
            <source>, </source>
            <comment>between the parts of the submit's summary</comment>
            <translation>，</translation>
        </message>
        <message>
            <source>%1.</source>
            <comment>the submit's summary</comment>
            <translation>%1。</translation>
        </message>
        <message>
            <source>Cancelled before sending; nothing was charged.</source>
            <translation>已在发送前取消；未扣费。</translation>
        </message>
        <message>
            <source>Cutting the selection (shared with another job)…</source>
            <translation>正在剪切所选片段（与另一个任务共用）…</translation>
        </message>
        <message>
            <source>Waiting while the video before it is prepared…</source>
            <translation>等待前一个视频准备完成…</translation>
        </message>
        <message>
            <source>Cutting the selection…</source>
            <translation>正在剪切所选片段…</translation>
        </message>
        <message>
            <source>Choosing how to send the video…</source>
            <translation>正在选择发送视频的方式…</translation>
        </message>
        <message>
            <source>Not sent: the cut failed (%1). Nothing was charged.</source>
            <translation>未发送：剪切失败（%1）。未扣费。</translation>
        </message>
        <message>
            <source>Not sent: the cost could not be worked out (%1). Nothing was charged.</source>
            <translation>未发送：无法计算费用（%1）。未扣费。</translation>
        </message>
        <message>
            <source>the video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>the cut</source>
            <translation>剪切片段</translation>
        </message>
        <message>
            <source>Uploading %1 (%2 s)…</source>
            <translation>正在上传%1（%2 秒）…</translation>
        </message>
        <message>
            <source>Creating the job…</source>
            <translation>正在创建任务…</translation>
        </message>
        <message>
            <source>each re-encoded to fewer bytes</source>
            <translation>每个都重新编码以减小体积</translation>
        </message>
        <message>
            <source>each cut while the one before it uploads</source>
            <translation>前一个上传时剪下一个</translation>
        </message>
        <message>
            <source>Using the preview's cut…</source>
            <translation>使用预览的剪辑…</translation>
        </message>
        <message>
            <source>Uploading %1 (%2 s): %3%</source>
            <translation>正在上传%1（%2 秒）：%3%</translation>
        </message>
        <message>
            <source>Ready; waiting for the upload before it…</source>
            <translation>已就绪，等待前一个上传完成…</translation>
        </message>
        <message>
            <source>Not enough credits: %1</source>
            <translation>积分不足：%1</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>未发送：%1</translation>
        </message>
        <message>
            <source>May have been sent: the connection failed while the job was being created. See the Job Queue (it looks for the job); it is not sent again by itself.</source>
            <translation>可能已发送：创建任务时连接中断。请查看任务队列（它会查找该任务）；不会自动再次发送。</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Show this job in the compare view</source>
            <translation>在对比视图中显示此任务</translation>
        </message>
        <message>
            <source>charged %1</source>
            <translation>扣费 %1</translation>
        </message>
        <message>
            <source>the balance went down by %1</source>
            <translation>余额减少了 %1</translation>
        </message>
        <message>
            <source>charge not reported</source>
            <translation>未报告扣费</translation>
        </message>
        <message>
            <source>%1 · estimated %2, %3</source>
            <translation>%1 · 预估 %2，%3</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>失败：%1</translation>
        </message>
        <message>
            <source>the job failed on the server</source>
            <translation>任务在服务器上失败</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>In the queue: %1</source>
            <translation>在队列中：%1</translation>
        </message>
        <message>
            <source>Unknown: check your jobs on verging.ai</source>
            <translation>未知：请在 verging.ai 上查看你的任务</translation>
        </message>
        <message>
            <source>%1 is already here.</source>
            <translation>%1 已在这里。</translation>
        </message>
        <message>
            <source>, </source>
            <comment>between file names</comment>
            <translation>、</translation>
        </message>
        <message>
            <source>%1 already has %2. Replace it with %3, or add it to the batch (%4)?</source>
            <translation>%1 已有 %2。要用 %3 替换它，还是把它加入批次（%4）？</translation>
        </message>
        <message>
            <source>%1 already has %2. Replace it with %3, or add them to the batch (%4)?</source>
            <translation>%1 已有 %2。要用 %3 替换它，还是把它们加入批次（%4）？</translation>
        </message>
        <message>
            <source>%1 already has %2. Replace them with %3, or add it to the batch (%4)?</source>
            <translation>%1 已有 %2。要用 %3 替换它们，还是把它加入批次（%4）？</translation>
        </message>
        <message>
            <source>%1 already has %2. Replace them with %3, or add them to the batch (%4)?</source>
            <translation>%1 已有 %2。要用 %3 替换它们，还是把它们加入批次（%4）？</translation>
        </message>
        <message>
            <source>Open video</source>
            <translation>打开视频</translation>
        </message>
        <message>
            <source>Open videos</source>
            <translation>打开视频</translation>
        </message>
        <message>
            <source>Replace it</source>
            <translation>替换</translation>
        </message>
        <message>
            <source>Replace them</source>
            <translation>全部替换</translation>
        </message>
        <message>
            <source>%1 is already the face here.</source>
            <translation>%1 已是这里的人脸。</translation>
        </message>
        <message>
            <source>%1 is already the video here.</source>
            <translation>%1 已是这里的视频。</translation>
        </message>
        <message>
            <source>%1 replaced %2 as the face in %3.</source>
            <translation>%1 已替换 %2，成为%3的人脸。</translation>
        </message>
        <message>
            <source>%1 replaced %2 as the video in %3.</source>
            <translation>%1 已替换 %2，成为%3的视频。</translation>
        </message>
        <message>
            <source>Use as face</source>
            <translation>用作人脸</translation>
        </message>
        <message>
            <source>Use as video</source>
            <translation>用作视频</translation>
        </message>
        <message>
            <source>%1 already has %2 (a batch of %3). Replace them with %4, or add it to the batch (%5)?</source>
            <translation>%1 已有 %2（一批 %3）。要用 %4 替换它们，还是把它加入批次（%5）？</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>The uploaded cut of this job is no longer on this computer.</source>
            <translation>此任务上传的剪切片段已不在这台电脑上。</translation>
        </message>
        <message>
            <source>Send %1 again as a new job? It costs about %2 (charged again; a failed job is not charged).</source>
            <translation>将 %1 作为新任务再次发送？大约需要 %2（会再次扣费；失败的任务不扣费）。</translation>
        </message>
        <message>
            <source>%1 (again)</source>
            <translation>%1（重发）</translation>
        </message>
        <message>
            <source>Uploading the cut…</source>
            <translation>正在上传剪切片段…</translation>
        </message>
    </context>
    <context>
        <name>VimmersePage</name>
        <message>
            <source>%1 runs on Vimmerse: add a Vimmerse API key to use it. Nothing is sent until you do.</source>
            <translation>%1 由 Vimmerse 提供：添加 Vimmerse API 密钥后即可使用。在此之前不会发送任何内容。</translation>
        </message>
        <message>
            <source>Add a Vimmerse key…</source>
            <translation>添加 Vimmerse 密钥…</translation>
        </message>
        <message>
            <source>Upload and send to Vimmerse (Ctrl+Enter)</source>
            <translation>上传并发送到 Vimmerse（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>Add a Vimmerse key in File &gt; Manage API keys (Ctrl+Shift+K).</source>
            <translation>请在 文件 &gt; 管理 API 密钥（Ctrl+Shift+K）中添加 Vimmerse 密钥。</translation>
        </message>
        <message>
            <source>Add a Vimmerse key first: nothing is sent without one.</source>
            <translation>请先添加 Vimmerse 密钥：没有密钥不会发送任何内容。</translation>
        </message>
        <message>
            <source>Working out the cost…</source>
            <translation>正在计算费用…</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>the submit button: its word and the cost</comment>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>Vimmerse: no key</source>
            <translation>Vimmerse：无密钥</translation>
        </message>
        <message>
            <source>Add a Vimmerse API key to send jobs.</source>
            <translation>添加 Vimmerse API 密钥后才能发送任务。</translation>
        </message>
        <message>
            <source>Cost: – (once the inputs are ready) · %1</source>
            <translation>费用：–（输入就绪后显示）· %1</translation>
        </message>
        <message>
            <source>Cost unknown</source>
            <translation>费用未知</translation>
        </message>
        <message>
            <source>Cost: working it out… · %1</source>
            <translation>费用：正在计算… · %1</translation>
        </message>
        <message>
            <source>, %1 a clip</source>
            <translation>，每个片段 %1</translation>
        </message>
        <message>
            <source>Cost: %1</source>
            <translation>费用：%1</translation>
        </message>
        <message>
            <source>Vimmerse bills in its own credits (not Verging credits); what it charged is shown with each job.</source>
            <translation>Vimmerse 使用它自己的积分计费（不是 Verging 积分）；每个任务都会显示它扣除的费用。</translation>
        </message>
        <message>
            <source>Could not get the cost from Vimmerse: %1</source>
            <translation>无法从 Vimmerse 获取费用：%1</translation>
        </message>
        <message>
            <source>Waiting to start…</source>
            <translation>等待开始…</translation>
        </message>
        <message>
            <source>Sending to Vimmerse: %1…</source>
            <translation>正在发送到 Vimmerse：%1…</translation>
        </message>
        <message>
            <source>Cancelled before sending; nothing was charged.</source>
            <translation>已在发送前取消；没有扣费。</translation>
        </message>
        <message>
            <source>Not sent: the cut failed (%1). Nothing was charged.</source>
            <translation>未发送：剪切失败（%1）。没有扣费。</translation>
        </message>
        <message>
            <source>Not sent: %1 Nothing was charged.</source>
            <translation>未发送：%1 没有扣费。</translation>
        </message>
        <message>
            <source>Not sent: the cost could not be checked (%1). Nothing was charged.</source>
            <translation>未发送：无法核实费用（%1）。没有扣费。</translation>
        </message>
        <message>
            <source>Not sent: the cut is %1 s, which costs %2 instead of the %3 shown. Check the selection and send again.</source>
            <translation>未发送：剪切后的片段为 %1 秒，费用为 %2，而不是显示的 %3。请检查所选范围后重新发送。</translation>
        </message>
        <message>
            <source>Not sent: the job queue is not available.</source>
            <translation>未发送：任务队列不可用。</translation>
        </message>
        <message>
            <source>Ready; waiting for the upload before it…</source>
            <translation>已就绪，等待前一个上传完成…</translation>
        </message>
        <message>
            <source>Uploading…</source>
            <translation>正在上传…</translation>
        </message>
        <message>
            <source>Uploading the file to Vimmerse…</source>
            <translation>正在把文件上传到 Vimmerse…</translation>
        </message>
        <message>
            <source>Waiting while the video before it is prepared…</source>
            <translation>等待前一个视频准备完成…</translation>
        </message>
        <message numerus="yes">
            <source>Uploading %n file(s) to Vimmerse…</source>
            <translation>
                <numerusform>正在把 %n 个文件上传到 Vimmerse…</numerusform>
            </translation>
        </message>
        <message>
            <source>Creating the job on Vimmerse…</source>
            <translation>正在 Vimmerse 上创建任务…</translation>
        </message>
        <message>
            <source>Not enough Vimmerse credits: %1</source>
            <translation>Vimmerse 积分不足：%1</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>未发送：%1</translation>
        </message>
        <message>
            <source>May have been sent: the connection failed while the job was being created. It is not sent again by itself; see the Job Queue.</source>
            <translation>可能已发送：创建任务时连接中断。不会自动重新发送；请查看任务队列。</translation>
        </message>
        <message>
            <source>charged %1</source>
            <translation>扣费 %1</translation>
        </message>
        <message>
            <source>charge not reported</source>
            <translation>未报告扣费</translation>
        </message>
        <message>
            <source>%1 · estimated %2, %3</source>
            <translation>%1 · 预估 %2，%3</translation>
        </message>
        <message>
            <source>Failed: %1</source>
            <translation>失败：%1</translation>
        </message>
        <message>
            <source>the job failed on Vimmerse</source>
            <translation>任务在 Vimmerse 上失败</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>May have been sent: see the Job Queue.</source>
            <translation>可能已发送：请查看任务队列。</translation>
        </message>
        <message>
            <source>In the queue: %1</source>
            <translation>在队列中：%1</translation>
        </message>
    </context>
    <context>
        <name>VimmerseResult</name>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Result</source>
            <comment>the view that plays the result</comment>
            <translation>结果</translation>
        </message>
        <message>
            <source>Play the result with its sound</source>
            <translation>播放结果（带声音）</translation>
        </message>
        <message>
            <source>Compare with the source</source>
            <translation>与原视频对比</translation>
        </message>
        <message>
            <source>The uploaded video and the result side by side, in sync</source>
            <translation>上传的视频与结果并排同步播放</translation>
        </message>
        <message>
            <source>Submit a job: its result plays here when it is done.</source>
            <translation>提交任务后，完成时结果会在这里播放。</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <source>Send to</source>
            <translation>发送到</translation>
        </message>
        <message>
            <source>Open the result in another tool</source>
            <translation>在其他工具中打开结果</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Send again…</source>
            <translation>再次发送…</translation>
        </message>
        <message>
            <source>That job is no longer in the queue.</source>
            <translation>该任务已不在队列中。</translation>
        </message>
        <message>
            <source>Result: %1</source>
            <translation>结果：%1</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>a job's status and its error</comment>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Waiting for the result…</source>
            <translation>正在等待结果…</translation>
        </message>
        <message>
            <source>No result.</source>
            <translation>没有结果。</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Save the result as</source>
            <translation>将结果另存为</translation>
        </message>
        <message>
            <source>MP4 video (*.mp4)</source>
            <translation>MP4 视频 (*.mp4)</translation>
        </message>
        <message>
            <source>Could not save the result: %1</source>
            <translation>无法保存结果：%1</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
    </context>
    <context>
        <name>VimmerseTab</name>
        <message numerus="yes">
            <source>, billed as %n block(s) of %1 s</source>
            <translation>
                <numerusform>，按 %n 个 %1 秒的计费段计费</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is %2 s long; trim it to at most %3 s.</source>
            <translation>%1 时长 %2 秒；请截取到最多 %3 秒。</translation>
        </message>
        <message>
            <source>Show</source>
            <comment>show a job's result</comment>
            <translation>显示</translation>
        </message>
        <message>
            <source>Show this job's result below</source>
            <translation>在下方显示此任务的结果</translation>
        </message>
        <message>
            <source>its cost again</source>
            <translation>再次收取其费用</translation>
        </message>
        <message>
            <source>Send %1 to Vimmerse again as a new job? It is charged again: about %2.</source>
            <translation>要将 %1 作为新任务再次发送到 Vimmerse 吗？将再次扣费：约 %2。</translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>再次发送</translation>
        </message>
        <message>
            <source>%1 (again)</source>
            <translation>%1（再次）</translation>
        </message>
        <message>
            <source>job</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Uploading…</source>
            <translation>正在上传…</translation>
        </message>
        <message>
            <source>The job queue is not available.</source>
            <translation>任务队列不可用。</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>未发送：%1</translation>
        </message>
    </context>
    <context>
        <name>VimmerseVideoPage</name>
        <message>
            <source>Vimmerse's estimate</source>
            <translation>Vimmerse 的预估</translation>
        </message>
        <message>
            <source>local price table, editable in Settings</source>
            <translation>本地价格表，可在设置中编辑</translation>
        </message>
        <message>
            <source>Vimmerse's estimate was not available: local price table</source>
            <translation>无法获取 Vimmerse 的预估：使用本地价格表</translation>
        </message>
        <message>
            <source>Vimmerse bills in its own credits and publishes no balance: see your account on vimmerse.net. What each job was charged is in the Job Queue, and the status bar adds up this month's.</source>
            <translation>Vimmerse 使用它自己的积分计费，且不公布余额：请在 vimmerse.net 上查看你的账户。每个任务的扣费见任务队列，状态栏会汇总本月的扣费。</translation>
        </message>
        <message>
            <source>%1 runs on Vimmerse: add your Vimmerse API key to see the cost and send jobs.</source>
            <translation>%1 由 Vimmerse 提供：添加你的 Vimmerse API 密钥后即可查看费用并发送任务。</translation>
        </message>
        <message>
            <source>Add a Vimmerse key…</source>
            <translation>添加 Vimmerse 密钥…</translation>
        </message>
        <message>
            <source>Balance: not published by Vimmerse</source>
            <translation>余额：Vimmerse 不公布</translation>
        </message>
        <message>
            <source>Vimmerse credits, billed per started 5 s of video (local price table, editable in Settings).</source>
            <translation>Vimmerse 积分，视频每开始 5 秒计费一次（本地价格表，可在设置中编辑）。</translation>
        </message>
        <message>
            <source>Add a Vimmerse key first.</source>
            <translation>请先添加 Vimmerse 密钥。</translation>
        </message>
        <message>
            <source>The cost could not be worked out: %1</source>
            <translation>无法计算费用：%1</translation>
        </message>
        <message numerus="yes">
            <source>%n job(s)</source>
            <translation>
                <numerusform>%n 个任务</numerusform>
            </translation>
        </message>
        <message>
            <source>The job queue is not available.</source>
            <translation>任务队列不可用。</translation>
        </message>
        <message>
            <source>%1 (again)</source>
            <translation>%1（再次）</translation>
        </message>
        <message>
            <source>Sending again…</source>
            <translation>正在再次发送…</translation>
        </message>
        <message>
            <source>Uploading the cut…</source>
            <translation>正在上传剪切后的片段…</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>未发送：%1</translation>
        </message>
        <message>
            <source>The uploaded cut of this job is no longer on this computer.</source>
            <translation>此任务上传的剪切片段已不在这台电脑上。</translation>
        </message>
        <message>
            <source>Send %1 to Vimmerse again as a new job? It costs about %2 (Vimmerse credits, charged again).</source>
            <translation>要将 %1 作为新任务再次发送到 Vimmerse 吗？费用约 %2（Vimmerse 积分，将再次扣费）。</translation>
        </message>
    </context>
    <context>
        <name>VisionTab</name>
        <message>
            <source>Drop an image here (PNG, JPEG, GIF, WebP; BMP and TIFF are converted)</source>
            <translation>将图片拖放到此处（PNG、JPEG、GIF、WebP；BMP 和 TIFF 会被转换）</translation>
        </message>
        <message>
            <source>…or paste an image URL: https://…/picture.png</source>
            <translation>…或粘贴图片网址：https://…/picture.png</translation>
        </message>
        <message>
            <source>No image yet.</source>
            <translation>尚无图片。</translation>
        </message>
        <message>
            <source>Ask about the image, e.g. 'What is written on the sign?'  (Ctrl+Enter to ask)</source>
            <translation>就图片提问，例如“牌子上写了什么？”（Ctrl+Enter 提问）</translation>
        </message>
        <message>
            <source>The longest answer, in tokens (about 4 characters each)</source>
            <translation>回答的最大长度，以 token 计（每个约 4 个字符）</translation>
        </message>
        <message>
            <source>Max tokens</source>
            <translation>最大 token 数</translation>
        </message>
        <message>
            <source>Model</source>
            <comment>the AI model</comment>
            <translation>模型</translation>
        </message>
        <message>
            <source>Ask</source>
            <translation>提问</translation>
        </message>
        <message>
            <source>Ask (Ctrl+Enter)</source>
            <translation>提问（Ctrl+Enter）</translation>
        </message>
        <message>
            <source>&lt;b&gt;Answers&lt;/b&gt;</source>
            <translation>&lt;b&gt;回答&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Answers and follow-ups appear here.</source>
            <translation>回答和追问会显示在这里。</translation>
        </message>
        <message>
            <source>Copy answer</source>
            <translation>复制回答</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Reading the image…</source>
            <translation>正在读取图片…</translation>
        </message>
        <message>
            <source>unknown format</source>
            <translation>未知格式</translation>
        </message>
        <message>
            <source>No preview (%1); it is converted when you ask, if it is an image.</source>
            <translation>无法预览（%1）；如果是图片，会在提问时转换。</translation>
        </message>
        <message>
            <source>Image from a URL: the server fetches it when you ask.</source>
            <translation>来自网址的图片：提问时由服务器获取。</translation>
        </message>
        <message>
            <source>Estimate: up to &lt;b&gt;%1&lt;/b&gt; (image ~%2 tokens, answer up to %3 tokens)</source>
            <translation>预估：最多 &lt;b&gt;%1&lt;/b&gt;（图片约 %2 个 token，回答最多 %3 个 token）</translation>
        </message>
        <message>
            <source>Estimate: up to &lt;b&gt;%1&lt;/b&gt; (image ~%2 tokens, size unknown, answer up to %3 tokens)</source>
            <translation>预估：最多 &lt;b&gt;%1&lt;/b&gt;（图片约 %2 个 token，尺寸未知，回答最多 %3 个 token）</translation>
        </message>
        <message>
            <source> · needs a balance of %1</source>
            <translation> · 需要余额 %1</translation>
        </message>
        <message>
            <source> · balance %1</source>
            <translation> · 余额 %1</translation>
        </message>
        <message>
            <source>Drop an image or paste its URL first.</source>
            <translation>请先拖放图片或粘贴其网址。</translation>
        </message>
        <message>
            <source>The image URL must start with http:// or https:// (a web address, no spaces).</source>
            <translation>图片网址必须以 http:// 或 https:// 开头（网址，不含空格）。</translation>
        </message>
        <message>
            <source>Write a question about the image first.</source>
            <translation>请先写下关于图片的问题。</translation>
        </message>
        <message>
            <source> (%1 converted to PNG)</source>
            <translation>（%1 已转换为 PNG）</translation>
        </message>
        <message>
            <source>image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>Asking (up to %1)…</source>
            <translation>正在提问（最多 %1）…</translation>
        </message>
        <message>
            <source>%1 in + %2 out tokens</source>
            <translation>输入 %1 + 输出 %2 个 token</translation>
        </message>
        <message>
            <source> · charged %1 (estimated up to %2)</source>
            <translation> · 已扣 %1（预估最多 %2）</translation>
        </message>
        <message>
            <source>**Q:**</source>
            <translation>**问：**</translation>
        </message>
    </context>
    <context>
        <name>VoiceBrowser</name>
        <message>
            <source>Any gender</source>
            <translation>不限性别</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女声</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>男声</translation>
        </message>
        <message>
            <source>Search voices: name, accent, style…</source>
            <translation>搜索音色：名称、口音、风格…</translation>
        </message>
        <message>
            <source>Voice</source>
            <translation>音色</translation>
        </message>
        <message>
            <source>Gender</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Accent</source>
            <translation>口音</translation>
        </message>
        <message>
            <source>Style</source>
            <comment>of a voice</comment>
            <translation>风格</translation>
        </message>
        <message>
            <source>The nine preset voices; add a varg key to browse all of ElevenLabs' voices.</source>
            <translation>九个预设音色；添加 varg 密钥即可浏览 ElevenLabs 的全部音色。</translation>
        </message>
        <message>
            <source>Loading voices…</source>
            <translation>正在加载音色…</translation>
        </message>
        <message>
            <source>Could not load the voice list (%1). The nine preset voices can still be used.</source>
            <translation>无法加载音色列表（%1）。仍可使用九个预设音色。</translation>
        </message>
        <message>
            <source>No voice matches. Clear the search to see them all.</source>
            <translation>没有匹配的音色。清除搜索即可查看全部。</translation>
        </message>
        <message numerus="yes">
            <source>%n voice(s)</source>
            <translation>
                <numerusform>%n 个音色</numerusform>
            </translation>
        </message>
        <message>
            <source>(%1 beyond the presets)</source>
            <translation>（预设之外 %1 个）</translation>
        </message>
        <message>
            <source>▶ plays a preview</source>
            <translation>▶ 播放试听</translation>
        </message>
        <message>
            <source>(one of varg's preset voices)</source>
            <translation>（varg 的预设音色之一）</translation>
        </message>
        <message>
            <source>Sent as: %1</source>
            <translation>发送值：%1</translation>
        </message>
        <message>
            <source>No preview for this voice</source>
            <translation>此音色没有试听</translation>
        </message>
        <message>
            <source>Play a preview of %1</source>
            <translation>试听 %1</translation>
        </message>
        <message>
            <source>Could not download the preview of %1: %2</source>
            <translation>无法下载 %1 的试听：%2</translation>
        </message>
        <message>
            <source>Stop the preview of %1</source>
            <translation>停止试听 %1</translation>
        </message>
        <message>
            <source>Cannot play the preview of %1: %2</source>
            <translation>无法播放 %1 的试听：%2</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to Verging Desktop</source>
            <translation>欢迎使用 Verging Desktop</translation>
        </message>
        <message>
            <source>Swap faces in videos, enhance clips, remove backgrounds, generate images, chat, and turn speech into text and back, with the Verging AI cloud. You see what each job costs before you run it.</source>
            <translation>借助 Verging AI 云服务，为视频换脸、增强视频片段、移除背景、生成图片、聊天，以及在语音与文字之间相互转换。每个任务运行前都会显示所需费用。</translation>
        </message>
        <message>
            <source>Add API key</source>
            <translation>添加 API 密钥</translation>
        </message>
        <message>
            <source>Try the sandbox</source>
            <translation>试用沙盒</translation>
        </message>
        <message>
            <source>I have an API key</source>
            <translation>我有 API 密钥</translation>
        </message>
        <message>
            <source>Create a key on verging.ai (your avatar → API Keys) and paste it here. It is checked with the server and kept in your system's keyring, never in a file.</source>
            <translation>在 verging.ai 上创建密钥（头像 → API Keys），然后粘贴到这里。密钥会经服务器验证，并保存在系统密钥环中，绝不会写入文件。</translation>
        </message>
        <message>
            <source>Create a key on verging.ai (your avatar → API Keys) and paste it here. It is checked with the server and, as no system keyring is available here, kept in memory for this session only, never in a file.</source>
            <translation>在 verging.ai 上创建密钥（头像 → API Keys），然后粘贴到这里。密钥会经服务器验证；由于此处没有可用的系统密钥环，密钥仅在本次会话中保存在内存里，绝不会写入文件。</translation>
        </message>
        <message>
            <source>Just looking</source>
            <translation>先看看</translation>
        </message>
        <message>
            <source>Try every tool against a local simulator: no account, no credits, nothing is charged. Results are simulated, so they only show how the app works.</source>
            <translation>在本地模拟器上试用所有工具：无需账户和积分，不产生任何费用。结果是模拟的，仅用于展示应用的使用方式。</translation>
        </message>
    </context>
    <context>
        <name>core</name>
        <message>
            <source>The Vimmerse queue is not running (the app is switching or closing); nothing was sent.</source>
            <translation>Vimmerse 队列未在运行（应用正在切换或关闭）；未发送任何内容。</translation>
        </message>
        <message>
            <source>The varg queue is not running (the app is switching or closing); nothing was sent.</source>
            <translation>varg 队列未在运行（应用正在切换或关闭）；未发送任何内容。</translation>
        </message>
        <message>
            <source>face swap</source>
            <translation>换脸</translation>
        </message>
        <message>
            <source>video enhancement</source>
            <translation>视频增强</translation>
        </message>
        <message>
            <source>image to video</source>
            <translation>图片转视频</translation>
        </message>
        <message>
            <source>background removal</source>
            <translation>背景移除</translation>
        </message>
        <message>
            <source>image generation</source>
            <translation>图片生成</translation>
        </message>
        <message>
            <source>chat</source>
            <translation>聊天</translation>
        </message>
        <message>
            <source>text to speech</source>
            <translation>文字转语音</translation>
        </message>
        <message>
            <source>speech to text</source>
            <translation>语音转文字</translation>
        </message>
        <message>
            <source>vision</source>
            <translation>视觉</translation>
        </message>
        <message>
            <source>you are always charged what Verging counts, shown on each result</source>
            <translation>实际扣费始终以 Verging 的计量为准，并显示在每个结果上</translation>
        </message>
        <message numerus="yes">
            <source>%n credit(s)</source>
            <translation>
                <numerusform>%n 积分</numerusform>
            </translation>
        </message>
        <message>
            <source>See the pricing table.</source>
            <translation>请查看价格表。</translation>
        </message>
        <message>
            <source> and </source>
            <comment>before a list's last item</comment>
            <translation>和</translation>
        </message>
        <message>
            <source>A 10-second clip</source>
            <translation>一段 10 秒的片段</translation>
        </message>
        <message>
            <source>{what}: {credits} (about ${dollars})</source>
            <translation>{what}：{credits}（约 ${dollars}）</translation>
        </message>
        <message>
            <source>Verging publishes two price lists that differ for {services}: the estimates use the one you choose, and {charged}.</source>
            <translation>Verging 发布了两份价格表，{services}的价格有所不同：估算使用你选择的那一份，而{charged}。</translation>
        </message>
        <message>
            <source>The estimates use {prices}; {charged}.</source>
            <translation>估算使用{prices}；{charged}。</translation>
        </message>
        <message>
            <source> Prices are read from {source}.</source>
            <translation>价格读取自 {source}。</translation>
        </message>
        <message>
            <source>{amount} credits</source>
            <comment>a fractional amount: always the plural form</comment>
            <translation>{amount} 积分</translation>
        </message>
        <message>
            <source>Price not listed in the pricing table.</source>
            <translation>价格表中未列出价格。</translation>
        </message>
        <message>
            <source>Minimum {credits} per request</source>
            <translation>每次请求最低 {credits}</translation>
        </message>
        <message>
            <source>, </source>
            <comment>between the items of a list</comment>
            <translation>、</translation>
        </message>
        <message>
            <source>{credits} per second of video</source>
            <translation>视频每秒 {credits}</translation>
        </message>
        <message>
            <source>HD: {credits} per second</source>
            <translation>高清：每秒 {credits}</translation>
        </message>
        <message>
            <source>{credits} per image</source>
            <translation>每张图片 {credits}</translation>
        </message>
        <message>
            <source>{credits} per image (standard)</source>
            <translation>每张图片 {credits}（标准）</translation>
        </message>
        <message>
            <source>{credits} per image (HD)</source>
            <translation>每张图片 {credits}（高清）</translation>
        </message>
        <message>
            <source>{input} per 10,000 input tokens, {output} per 10,000 output tokens</source>
            <translation>每 10,000 个输入 token {input}，每 10,000 个输出 token {output}</translation>
        </message>
        <message>
            <source>; needs a balance of {balance}</source>
            <translation>；余额须至少为 {balance}</translation>
        </message>
        <message>
            <source>{credits} per 1,000 characters</source>
            <translation>每 1,000 个字符 {credits}</translation>
        </message>
        <message>
            <source>Minimum {credits}</source>
            <translation>最低 {credits}</translation>
        </message>
        <message>
            <source>{credits} per minute of audio</source>
            <translation>音频每分钟 {credits}</translation>
        </message>
        <message>
            <source>One image</source>
            <translation>一张图片</translation>
        </message>
        <message>
            <source>Up to {seconds} seconds per job</source>
            <translation>每个任务最长 {seconds} 秒</translation>
        </message>
        <message>
            <source>{credits} per request</source>
            <translation>每次请求 {credits}</translation>
        </message>
        <message>
            <source>One standard image</source>
            <translation>一张标准图片</translation>
        </message>
        <message>
            <source>A short exchange (500 tokens each way)</source>
            <translation>一次简短对话（输入、输出各 500 个 token）</translation>
        </message>
        <message>
            <source>One question about an image</source>
            <translation>就一张图片提一个问题</translation>
        </message>
        <message>
            <source>1,000 characters</source>
            <translation>1,000 个字符</translation>
        </message>
        <message>
            <source>Five minutes of audio</source>
            <translation>五分钟音频</translation>
        </message>
        <message>
            <source>The {provider} key of profile '{name}' was refused by {provider}. Add another one in Manage API keys.</source>
            <translation>配置“{name}”的 {provider} 密钥被 {provider} 拒绝。请在“管理 API 密钥”中添加另一个密钥。</translation>
        </message>
        <message>
            <source>The {provider} key was refused by {provider}. Add another one in Manage API keys.</source>
            <translation>{provider} 密钥被 {provider} 拒绝。请在“管理 API 密钥”中添加另一个密钥。</translation>
        </message>
        <message>
            <source>This sandbox does not serve {provider}.</source>
            <translation>此沙盒不提供 {provider} 服务。</translation>
        </message>
        <message>
            <source>The {provider} key of profile '{name}' is missing from the OS keyring. Add it again in Manage API keys.</source>
            <translation>系统密钥环中缺少配置“{name}”的 {provider} 密钥。请在“管理 API 密钥”中重新添加。</translation>
        </message>
        <message>
            <source>The key in {variable}</source>
            <translation>{variable} 中的密钥</translation>
        </message>
        <message>
            <source>The {provider} key of profile '{name}'</source>
            <translation>配置“{name}”的 {provider} 密钥</translation>
        </message>
        <message>
            <source>{what} does not look like a {provider} key ({provider} keys start with {prefix}).</source>
            <translation>{what}看起来不像 {provider} 密钥（{provider} 密钥以 {prefix} 开头）。</translation>
        </message>
        <message>
            <source>{problem} It is not used; add a {provider} key in Manage API keys.</source>
            <translation>{problem}该密钥未被使用；请在“管理 API 密钥”中添加 {provider} 密钥。</translation>
        </message>
        <message>
            <source>Could not check the {provider} key: {reason}</source>
            <translation>无法检查 {provider} 密钥：{reason}</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>正在连接…</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>Sandbox</source>
            <translation>沙盒</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>Key problem</source>
            <translation>密钥问题</translation>
        </message>
        <message>
            <source>No API key</source>
            <translation>没有 API 密钥</translation>
        </message>
        <message>
            <source>varg refused this key, so it was not saved. Copy the whole key again from your varg dashboard (varg.ai, API keys) and check that it is still active.</source>
            <translation>varg 拒绝了此密钥，密钥未保存。请从 varg 控制台（varg.ai 的 API 密钥页）重新复制完整的密钥，并确认它仍然有效。</translation>
        </message>
        <message>
            <source>The stored {provider} key</source>
            <translation>已保存的 {provider} 密钥</translation>
        </message>
        <message>
            <source>{problem} It is not sent to varg.</source>
            <translation>{problem}该密钥不会发送给 varg。</translation>
        </message>
        <message>
            <source>{reason} The built-in varg prices are used.</source>
            <translation>{reason}将使用内置的 varg 价格。</translation>
        </message>
        <message>
            <source>Vimmerse refused this key, so it was not saved. Copy the whole key again from your Vimmerse account (vimmerse.net, API keys) and check that it is still active.</source>
            <translation>Vimmerse 拒绝了此密钥，密钥未保存。请从你的 Vimmerse 账户（vimmerse.net 的 API 密钥页）重新复制完整的密钥，并确认它仍然有效。</translation>
        </message>
        <message>
            <source>{reason} The built-in prices are used.</source>
            <translation>{reason}将使用内置价格。</translation>
        </message>
        <message>
            <source>Uploaded {mb:.1f} MB in {seconds:.1f} s: {mbit:.1f} Mbit/s.</source>
            <translation>已上传 {mb:.1f} MB，用时 {seconds:.1f} 秒：{mbit:.1f} Mbit/s。</translation>
        </message>
        <message>
            <source>file</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>audio or video file</source>
            <translation>音频或视频文件</translation>
        </message>
        <message>
            <source>face image</source>
            <translation>人脸图片</translation>
        </message>
        <message>
            <source>text</source>
            <translation>文本</translation>
        </message>
        <message>
            <source>message</source>
            <translation>消息</translation>
        </message>
        <message>
            <source>Too many files named like {name} in {folder}.</source>
            <translation>{folder} 中与 {name} 同名的文件太多。</translation>
        </message>
        <message>
            <source>Could not find a free name for {name} in {folder}.</source>
            <translation>无法在 {folder} 中为 {name} 找到可用的文件名。</translation>
        </message>
        <message>
            <source>The {what} {path} does not exist. Check the path.</source>
            <translation>{what} {path} 不存在。请检查路径。</translation>
        </message>
        <message>
            <source>{path} is a folder; give a {what}, not a folder.</source>
            <translation>{path} 是文件夹；请提供{what}，而不是文件夹。</translation>
        </message>
        <message>
            <source>The {what} {path} cannot be read (permission denied).</source>
            <translation>无法读取{what} {path}（权限被拒绝）。</translation>
        </message>
        <message>
            <source>The {what} {path} is empty (0 bytes).</source>
            <translation>{what} {path} 是空的（0 字节）。</translation>
        </message>
        <message>
            <source>{name} is not a readable image (its content is not JPEG, PNG, WebP or GIF).</source>
            <translation>{name} 不是可读取的图片（其内容不是 JPEG、PNG、WebP 或 GIF）。</translation>
        </message>
        <message>
            <source>{name} is a {kind} image; this tool takes {formats}. Convert it first.</source>
            <translation>{name} 是 {kind} 图片；此工具只接受 {formats}。请先转换。</translation>
        </message>
        <message>
            <source>{name} is {size}; the limit is {limit}. Downscale or compress it first.</source>
            <translation>{name} 大小为 {size}；上限为 {limit}。请先缩小或压缩。</translation>
        </message>
        <message>
            <source>{name} is not in a format speech to text takes: use {formats}.</source>
            <translation>{name} 不是语音转文字支持的格式：请使用 {formats}。</translation>
        </message>
        <message>
            <source>{name}: the server recognises files by their extension; rename it to end in one of {extensions}.</source>
            <translation>{name}：服务器按扩展名识别文件；请将其重命名为以 {extensions} 之一结尾。</translation>
        </message>
        <message>
            <source>{name} is {size}; speech to text takes at most {limit}. Compress it to mono audio first.</source>
            <translation>{name} 大小为 {size}；语音转文字最多接受 {limit}。请先压缩为单声道音频。</translation>
        </message>
        <message>
            <source>The text has {count} characters; one request takes at most {limit}. Shorten it or split it.</source>
            <translation>文本有 {count} 个字符；单次请求最多 {limit} 个。请缩短或拆分。</translation>
        </message>
        <message>
            <source>{name} must be a number between {lo:g} and {hi:g}.</source>
            <translation>{name} 必须是 {lo:g} 到 {hi:g} 之间的数字。</translation>
        </message>
        <message>
            <source>{name} must be between {lo:g} and {hi:g} (got {value:g}).</source>
            <translation>{name} 必须在 {lo:g} 到 {hi:g} 之间（当前为 {value:g}）。</translation>
        </message>
        <message>
            <source>{name} must be one of {choices} (got '{value}').</source>
            <translation>{name} 必须是 {choices} 之一（当前为“{value}”）。</translation>
        </message>
        <message>
            <source>Size {size} is out of range; use widths and heights between 64 and 4096.</source>
            <translation>尺寸 {size} 超出范围；宽度和高度须在 64 到 4096 之间。</translation>
        </message>
        <message>
            <source>{path} is a folder; give a file name for the output.</source>
            <translation>{path} 是文件夹；请为输出提供文件名。</translation>
        </message>
        <message>
            <source>{name} is a video, not an image. Choose a picture ({formats}).</source>
            <translation>{name} 是视频，不是图片。请选择一张图片（{formats}）。</translation>
        </message>
        <message>
            <source>{name} is an image, not audio. Choose a recording ({formats}).</source>
            <translation>{name} 是图片，不是音频。请选择一段录音（{formats}）。</translation>
        </message>
        <message>
            <source>{name} is not in a format speech to text takes (it looks like {kind}): use {formats}.</source>
            <translation>{name} 不是语音转文字支持的格式（看起来是 {kind}）：请使用 {formats}。</translation>
        </message>
        <message>
            <source>Size must look like 1024x1024 (got '{size}').</source>
            <translation>尺寸格式应类似 1024x1024（当前为“{size}”）。</translation>
        </message>
        <message>
            <source>no OS keyring (secret service) is running on this system</source>
            <translation>此系统上没有运行系统密钥环（Secret Service）</translation>
        </message>
        <message>
            <source>the only keyring backend stores secrets in a plain file, which Verging Desktop refuses to use</source>
            <translation>唯一可用的密钥环后端以明文文件保存机密，Verging Desktop 拒绝使用</translation>
        </message>
        <message>
            <source>the OS keyring backend is disabled</source>
            <translation>系统密钥环后端已停用</translation>
        </message>
        <message>
            <source>the keyring library is not available ({error})</source>
            <translation>keyring 库不可用（{error}）</translation>
        </message>
        <message>
            <source>{name} (this session only)</source>
            <comment>a key profile</comment>
            <translation>{name}（仅限本次会话）</translation>
        </message>
        <message>
            <source>{name} (from {variable}, read-only)</source>
            <comment>a key profile</comment>
            <translation>{name}（来自 {variable}，只读）</translation>
        </message>
        <message>
            <source>{name} was not opened: there is no such file.</source>
            <translation>未打开 {name}：没有这个文件。</translation>
        </message>
        <message>
            <source>{name} was not opened: it is a folder (drop the files in it on a tool).</source>
            <translation>未打开 {name}：这是一个文件夹（请把其中的文件拖放到工具上）。</translation>
        </message>
        <message>
            <source>{name} was not opened: it is not a video, image or audio file.</source>
            <translation>未打开 {name}：它不是视频、图片或音频文件。</translation>
        </message>
        <message>
            <source>result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>{path} is a file, not a folder. Give a folder or a new file name for {option}.</source>
            <translation>{path} 是文件，不是文件夹。请为 {option} 提供文件夹或新的文件名。</translation>
        </message>
        <message>
            <source>With {count} {what}s, {option} must be a folder, and {path} is a file. Give a folder, for example {option} {stem}_results/</source>
            <translation>共有 {count} 个{what}时，{option} 必须是文件夹，而 {path} 是文件。请提供文件夹，例如 {option} {stem}_results/</translation>
        </message>
        <message>
            <source>With {count} {what}s, {option} must be a folder (it is created if missing); '{raw}' looks like a file name. Give a folder, for example {option} {stem}/</source>
            <translation>共有 {count} 个{what}时，{option} 必须是文件夹（不存在时会自动创建）；“{raw}”看起来是文件名。请提供文件夹，例如 {option} {stem}/</translation>
        </message>
        <message>
            <source>{parent} is a file, so {path} cannot be created. Choose another {option}.</source>
            <translation>{parent} 是文件，因此无法创建 {path}。请选择其他 {option}。</translation>
        </message>
        <message>
            <source>Verging's price list</source>
            <translation>Verging 价格表</translation>
        </message>
        <message>
            <source>Verging's tool guides</source>
            <translation>Verging 工具指南</translation>
        </message>
        <message>
            <source>Verging's API documentation</source>
            <translation>Verging API 文档</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <source>standard</source>
            <translation>标准</translation>
        </message>
        <message>
            <source>hd</source>
            <translation>高清</translation>
        </message>
        <message>
            <source>Jan</source>
            <translation>1月</translation>
        </message>
        <message>
            <source>Feb</source>
            <translation>2月</translation>
        </message>
        <message>
            <source>Mar</source>
            <translation>3月</translation>
        </message>
        <message>
            <source>Apr</source>
            <translation>4月</translation>
        </message>
        <message>
            <source>May</source>
            <translation>5月</translation>
        </message>
        <message>
            <source>Jun</source>
            <translation>6月</translation>
        </message>
        <message>
            <source>Jul</source>
            <translation>7月</translation>
        </message>
        <message>
            <source>Aug</source>
            <translation>8月</translation>
        </message>
        <message>
            <source>Sep</source>
            <translation>9月</translation>
        </message>
        <message>
            <source>Oct</source>
            <translation>10月</translation>
        </message>
        <message>
            <source>Nov</source>
            <translation>11月</translation>
        </message>
        <message>
            <source>Dec</source>
            <translation>12月</translation>
        </message>
        <message>
            <source>{day} {month} {year}</source>
            <comment>a date</comment>
            <translation>{year}年{month}{day}日</translation>
        </message>
        <message>
            <source>prices from the '{name}' list{when}</source>
            <translation>“{name}”价格表中的价格{when}</translation>
        </message>
        <message>
            <source>{seconds} s x {rate}</source>
            <comment>seconds billed times the rate</comment>
            <translation>{seconds} 秒 × {rate}</translation>
        </message>
        <message numerus="yes">
            <source>%n credit(s)/s</source>
            <translation>
                <numerusform>%n 积分/秒</numerusform>
            </translation>
        </message>
        <message>
            <source>Unknown service '{name}'. Choose one of: {services}.</source>
            <translation>未知服务“{name}”。请从以下选择：{services}。</translation>
        </message>
        <message>
            <source> (updated {day})</source>
            <translation>（更新于 {day}）</translation>
        </message>
        <message>
            <source>prices from your own price file{when}</source>
            <translation>你自己的价格文件中的价格{when}</translation>
        </message>
        <message>
            <source>prices as published by Verging{when}</source>
            <translation>Verging 公布的价格{when}</translation>
        </message>
        <message>
            <source>prices as published in {where}{when}</source>
            <translation>{where}中公布的价格{when}</translation>
        </message>
        <message>
            <source> (HD)</source>
            <translation>（高清）</translation>
        </message>
        <message numerus="yes">
            <source>%n image(s) x {rate}</source>
            <translation>
                <numerusform>%n 张图片 × {rate}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n image(s) x {rate} ({quality})</source>
            <translation>
                <numerusform>%n 张图片 × {rate}（{quality}）</numerusform>
            </translation>
        </message>
        <message>
            <source>{input} in + {output} out tokens</source>
            <translation>输入 {input} + 输出 {output} 个 token</translation>
        </message>
        <message>
            <source>{chars} characters</source>
            <comment>text to speak, in an estimate</comment>
            <translation>{chars} 个字符</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <comment>minutes of audio, in an estimate</comment>
            <translation>{minutes} 分钟</translation>
        </message>
        <message>
            <source>Estimating tts needs --chars N.</source>
            <translation>估算 tts 需要 --chars N。</translation>
        </message>
        <message>
            <source>Estimating stt needs --duration SECONDS.</source>
            <translation>估算 stt 需要 --duration SECONDS。</translation>
        </message>
        <message>
            <source>No estimate for {service}.</source>
            <translation>无法估算 {service}。</translation>
        </message>
        <message>
            <source>The pricing file has no table named '{name}'.</source>
            <translation>价格文件中没有名为“{name}”的价格表。</translation>
        </message>
        <message>
            <source>The pricing file {path} has no 'tables' section.</source>
            <translation>价格文件 {path} 中没有“tables”部分。</translation>
        </message>
        <message>
            <source>Cannot read the pricing file {path}: {reason}</source>
            <translation>无法读取价格文件 {path}：{reason}</translation>
        </message>
        <message>
            <source>Estimating {service} needs --duration SECONDS.</source>
            <translation>估算 {service} 需要 --duration SECONDS。</translation>
        </message>
        <message>
            <source>The {provider} pricing file has no '{section}' section.</source>
            <translation>{provider} 价格文件中没有“{section}”部分。</translation>
        </message>
        <message>
            <source>The {provider} pricing file {name} has no '{section}' section.</source>
            <translation>{provider} 价格文件 {name} 中没有“{section}”部分。</translation>
        </message>
        <message>
            <source>Cannot read the {provider} pricing file {name}: there is no such file.</source>
            <translation>无法读取 {provider} 价格文件 {name}：没有这个文件。</translation>
        </message>
        <message>
            <source>Cannot read the {provider} pricing file {name}: it is a folder.</source>
            <translation>无法读取 {provider} 价格文件 {name}：这是一个文件夹。</translation>
        </message>
        <message>
            <source>Cannot read the {provider} pricing file {name}: {reason}.</source>
            <translation>无法读取 {provider} 价格文件 {name}：{reason}。</translation>
        </message>
        <message>
            <source>The {provider} pricing file {name} is not UTF-8 text.</source>
            <translation>{provider} 价格文件 {name} 不是 UTF-8 文本。</translation>
        </message>
        <message>
            <source>The {provider} pricing file {name} is not valid JSON (line {line}, column {column}).</source>
            <translation>{provider} 价格文件 {name} 不是有效的 JSON（第 {line} 行，第 {column} 列）。</translation>
        </message>
        <message>
            <source>That</source>
            <translation>这个密钥</translation>
        </message>
        <message>
            <source>{what} looks like a {other} key (it starts with {prefix}), not a {owner} key: {owner} needs its own key.</source>
            <translation>{what}看起来是 {other} 密钥（以 {prefix} 开头），而不是 {owner} 密钥：{owner} 需要自己的密钥。</translation>
        </message>
        <message>
            <source>{what} looks like a {other} key (it starts with {prefix}), not a {owner} key: {owner} needs its own key, from {site}.</source>
            <translation>{what}看起来是 {other} 密钥（以 {prefix} 开头），而不是 {owner} 密钥：{owner} 需要自己的密钥，可在 {site} 获取。</translation>
        </message>
        <message>
            <source>Free (2 jobs at once)</source>
            <translation>免费版（同时运行 2 个任务）</translation>
        </message>
        <message>
            <source>Pro (10 jobs at once)</source>
            <translation>专业版（同时运行 10 个任务）</translation>
        </message>
        <message>
            <source>Custom</source>
            <translation>自定义</translation>
        </message>
        <message>
            <source>{n} h</source>
            <comment>hours, a short age</comment>
            <translation>{n} 小时</translation>
        </message>
        <message>
            <source>{n} s</source>
            <comment>seconds, a short age</comment>
            <translation>{n} 秒</translation>
        </message>
        <message>
            <source>{n} min</source>
            <comment>minutes, a short age</comment>
            <translation>{n} 分钟</translation>
        </message>
        <message>
            <source>The Vimmerse price table has no prices for '{app_name}'. Add it to {file_name}, or choose one of: {apps}.</source>
            <translation>Vimmerse 价格表中没有“{app_name}”的价格。请将其添加到 {file_name}，或从以下选项中选择：{apps}。</translation>
        </message>
        <message>
            <source>The Vimmerse price table has no price for {by} '{choice}' of {name}. Choose one of: {raw}.</source>
            <translation>Vimmerse 价格表中没有 {name} 的 {by}“{choice}”的价格。请从以下选项中选择：{raw}。</translation>
        </message>
        <message>
            <source>The {provider} queue has stopped (the app is switching keys or closing); nothing was sent.</source>
            <translation>{provider} 队列已停止（应用正在切换密钥或关闭）；未发送任何内容。</translation>
        </message>
        <message>
            <source>Add your {provider} API key first (Account › Manage API keys); nothing was sent.</source>
            <translation>请先添加你的 {provider} API 密钥（账户 › 管理 API 密钥）；未发送任何内容。</translation>
        </message>
        <message>
            <source>{m} min {s} s</source>
            <translation>{m} 分 {s} 秒</translation>
        </message>
        <message>
            <source>{mb:.0f} MB</source>
            <translation>{mb:.0f} MB</translation>
        </message>
        <message>
            <source>{mb:.1f} MB</source>
            <translation>{mb:.1f} MB</translation>
        </message>
        <message>
            <source>{s} s</source>
            <translation>{s} 秒</translation>
        </message>
        <message>
            <source>{m} min</source>
            <translation>{m} 分钟</translation>
        </message>
        <message>
            <source>{mbit:.0f} Mbit/s</source>
            <translation>{mbit:.0f} Mbit/s</translation>
        </message>
        <message>
            <source>{mbit:.1f} Mbit/s</source>
            <translation>{mbit:.1f} Mbit/s</translation>
        </message>
        <message>
            <source>Stream copy</source>
            <translation>流复制</translation>
        </message>
        <message>
            <source>Smart cut</source>
            <translation>智能剪切</translation>
        </message>
        <message>
            <source>Exact re-encode</source>
            <translation>精确重新编码</translation>
        </message>
        <message>
            <source>The file as it is</source>
            <translation>原文件</translation>
        </message>
        <message>
            <source>(Upload speed not measured yet: {rate} assumed.)</source>
            <translation>（尚未测得上传速度：按 {rate} 估算。）</translation>
        </message>
        <message>
            <source>{name} is {length} long; Verging takes at most {most:g} s per job, so the first {most:g} s are used.</source>
            <translation>{name} 时长为 {length}；Verging 每个任务最多接受 {most:g} 秒，因此将使用前 {most:g} 秒。</translation>
        </message>
        <message>
            <source>Unknown video job kind {kind}; use one of {kinds}.</source>
            <translation>未知的视频任务类型 {kind}；请使用 {kinds} 之一。</translation>
        </message>
        <message>
            <source>The range {start} to {end} is {length} s; Verging takes at most {most} s per job. Choose a shorter range.</source>
            <translation>{start} 到 {end} 的范围长 {length} 秒；Verging 每个任务最多接受 {most} 秒。请选择更短的范围。</translation>
        </message>
        <message>
            <source>{mode} as you chose: {size}, about {up} to upload at {rate}.</source>
            <translation>按你的选择使用{mode}：{size}，以 {rate} 上传约需 {up}。</translation>
        </message>
        <message>
            <source>Uploading the file as it is ({size}): about {up} at {rate}.</source>
            <translation>直接上传原文件（{size}）：以 {rate} 约需 {up}。</translation>
        </message>
        <message>
            <source>It uploads after the video before it, in about {wait}.</source>
            <translation>它在前一个视频之后上传，约 {wait} 后开始。</translation>
        </message>
        <message>
            <source>Re-encoding to {size}: about {up} to upload at your {rate} instead of {alt}.</source>
            <translation>重新编码为 {size}：以你的 {rate} 上传约需 {up}，而不是 {alt}。</translation>
        </message>
        <message>
            <source>{mode}, {size}: about {up} to upload at your {rate}; re-encoding to {alt_size} would take about {alt_total} in all instead of {total}.</source>
            <translation>{mode}，{size}：以你的 {rate} 上传约需 {up}；重新编码为 {alt_size} 总共约需 {alt_total}，而不是 {total}。</translation>
        </message>
        <message>
            <source>{mode}, {size}: about {up} to upload at your {rate}.</source>
            <translation>{mode}，{size}：以你的 {rate} 上传约需 {up}。</translation>
        </message>
        <message>
            <source>A {tool} needs a face image.</source>
            <translation>{tool}需要一张人脸图片。</translation>
        </message>
        <message>
            <source>Sending was interrupted; the job may exist. Check your jobs on verging.ai.</source>
            <translation>发送被中断；该任务可能已创建。请在 verging.ai 上查看你的任务。</translation>
        </message>
        <message>
            <source>The connection failed while sending; the job may exist. Looking for it in your job list.</source>
            <translation>发送时连接失败；该任务可能已创建。正在你的任务列表中查找。</translation>
        </message>
        <message>
            <source>{reason} The job may exist all the same; looking for it in your job list.</source>
            <translation>{reason}该任务仍可能已创建；正在你的任务列表中查找。</translation>
        </message>
        <message>
            <source>The job queue has stopped (the app is switching accounts or closing); nothing was sent.</source>
            <translation>任务队列已停止（应用正在切换账户或关闭）；未发送任何内容。</translation>
        </message>
        <message>
            <source>That job is no longer in the queue.</source>
            <translation>该任务已不在队列中。</translation>
        </message>
        <message>
            <source>Only a face swap that failed on the server can be retried.</source>
            <translation>只有在服务器上失败的换脸任务才能重试。</translation>
        </message>
        <message>
            <source>No longer watched. It may still finish on the server; see verging.ai.</source>
            <translation>已不再跟踪。它可能仍会在服务器上完成；请查看 verging.ai。</translation>
        </message>
        <message>
            <source>The job failed on the server.</source>
            <translation>任务在服务器上失败。</translation>
        </message>
        <message>
            <source>This job was stopped before it was sent; nothing was charged.</source>
            <translation>此任务在发送前已停止；未扣费。</translation>
        </message>
        <message>
            <source>Cancelled before sending; nothing was charged.</source>
            <translation>已在发送前取消；未扣费。</translation>
        </message>
        <message>
            <source>A job id is not in the local queue (see 'verging jobs').</source>
            <translation>某个任务 ID 不在本地队列中（请查看“verging jobs”）。</translation>
        </message>
        <message>
            <source>Timed out waiting for jobs; they keep running on the server.</source>
            <translation>等待任务超时；任务仍在服务器上继续运行。</translation>
        </message>
        <message>
            <source>The app stopped before this job was sent; nothing was charged.</source>
            <translation>应用在此任务发送前已停止；未扣费。</translation>
        </message>
        <message>
            <source>Choose a download folder in Settings first.</source>
            <translation>请先在设置中选择下载文件夹。</translation>
        </message>
        <message>
            <source>About {time} to upload {size} at your {rate}.</source>
            <translation>以你的 {rate} 上传 {size} 约需 {time}。</translation>
        </message>
        <message>
            <source>The other files ({size}) take about {time} more.</source>
            <translation>其他文件（{size}）另需约 {time}。</translation>
        </message>
        <message>
            <source>Results usually take about {time}.</source>
            <translation>结果通常约需 {time}。</translation>
        </message>
        <message>
            <source>Results usually take about {time} each.</source>
            <translation>每个结果通常约需 {time}。</translation>
        </message>
        <message>
            <source>That varg job is no longer in the queue.</source>
            <translation>该 varg 任务已不在队列中。</translation>
        </message>
        <message>
            <source>Only a varg job that failed, was cancelled or whose sending was interrupted can be sent again.</source>
            <translation>只有失败、已取消或发送被中断的 varg 任务才能重新发送。</translation>
        </message>
        <message>
            <source>That job belongs to another varg account; switch to it to send the job again.</source>
            <translation>该任务属于另一个 varg 账户；请切换到该账户后再重新发送。</translation>
        </message>
        <message>
            <source>varg gave this job no id, so it cannot be cancelled from here; see your usage at varg.ai.</source>
            <translation>varg 没有为此任务提供 ID，因此无法在这里取消；请在 varg.ai 查看你的用量。</translation>
        </message>
        <message>
            <source>No longer followed. It may still finish on varg (and be charged).</source>
            <translation>已不再跟踪。它可能仍会在 varg 上完成（并扣费）。</translation>
        </message>
        <message>
            <source>Job {id} ({name}) is being sent again right now.</source>
            <translation>任务 {id}（{name}）正在重新发送。</translation>
        </message>
        <message>
            <source>Job {id} ({name}) was already sent again as job {again}; send job {again} again if it did not work (each sending may charge again).</source>
            <translation>任务 {id}（{name}）已作为任务 {again} 重新发送；如果它没有成功，请重新发送任务 {again}（每次发送都可能再次扣费）。</translation>
        </message>
        <message>
            <source>Cancelled on varg.</source>
            <translation>已在 varg 上取消。</translation>
        </message>
        <message>
            <source>Cancelled; varg did not create it (too many running jobs); nothing was charged.</source>
            <translation>已取消；varg 未创建它（运行中的任务过多）；未扣费。</translation>
        </message>
        <message>
            <source>Waiting for a free varg slot ({running} running)</source>
            <translation>正在等待空闲的 varg 名额（{running} 个运行中）</translation>
        </message>
        <message>
            <source>Vimmerse finished this job without a result file.</source>
            <translation>Vimmerse 完成了此任务，但没有结果文件。</translation>
        </message>
        <message>
            <source>That Vimmerse job is no longer in the queue.</source>
            <translation>该 Vimmerse 任务已不在队列中。</translation>
        </message>
        <message>
            <source>Only a Vimmerse job that failed, was stopped or whose sending was interrupted can be sent again.</source>
            <translation>只有失败、已停止或发送被中断的 Vimmerse 任务才能重新发送。</translation>
        </message>
        <message>
            <source>That job belongs to another Vimmerse account; switch to it to send the job again.</source>
            <translation>该任务属于另一个 Vimmerse 账户；请切换到该账户后再重新发送。</translation>
        </message>
        <message>
            <source>The job failed on Vimmerse.</source>
            <translation>任务在 Vimmerse 上失败。</translation>
        </message>
        <message>
            <source>Job {id} ({name}) was already sent again as job {again}; send job {again} again if it did not work (each sending charges again).</source>
            <translation>任务 {id}（{name}）已作为任务 {again} 重新发送；如果它没有成功，请重新发送任务 {again}（每次发送都会再次扣费）。</translation>
        </message>
        <message>
            <source>Vimmerse cancelled this job before it finished.</source>
            <translation>Vimmerse 在此任务完成前将其取消。</translation>
        </message>
        <message>
            <source>Preparing</source>
            <translation>准备中</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>发送中</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <source>Waiting in the queue</source>
            <translation>在队列中等待</translation>
        </message>
        <message>
            <source>Processing</source>
            <translation>处理中</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>Unknown: check verging.ai</source>
            <translation>未知：请查看 verging.ai</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Waiting for a free varg slot</source>
            <translation>正在等待空闲的 varg 名额</translation>
        </message>
        <message>
            <source>From cache: free</source>
            <translation>来自缓存：免费</translation>
        </message>
        <message>
            <source>the job</source>
            <translation>该任务</translation>
        </message>
        <message>
            <source>{tool} · {provider}</source>
            <translation>{tool} · {provider}</translation>
        </message>
        <message>
            <source>{amount} credits</source>
            <translation>{amount} 积分</translation>
        </message>
        <message>
            <source>{amount} {provider} credits</source>
            <translation>{amount} {provider} 积分</translation>
        </message>
        <message>
            <source>Estimated {estimate}</source>
            <translation>预估 {estimate}</translation>
        </message>
        <message>
            <source>Your own {provider} key: billed by the provider</source>
            <translation>你自己的 {provider} 密钥：由该服务商计费</translation>
        </message>
        <message>
            <source>Unknown: check {website}</source>
            <translation>未知：请查看 {website}</translation>
        </message>
        <message>
            <source>Completed, saved</source>
            <translation>已完成，已保存</translation>
        </message>
        <message>
            <source>Completed, but the download failed</source>
            <translation>已完成，但下载失败</translation>
        </message>
        <message numerus="yes">
            <source>%n {provider} credit(s)</source>
            <translation>
                <numerusform>%n {provider} 积分</numerusform>
            </translation>
        </message>
        <message>
            <source>{estimate} est.</source>
            <translation>预估 {estimate}</translation>
        </message>
        <message>
            <source>free (cache)</source>
            <translation>免费（缓存）</translation>
        </message>
        <message>
            <source>own key</source>
            <translation>自有密钥</translation>
        </message>
        <message>
            <source>{free} (estimated {estimate})</source>
            <translation>{free}（预估 {estimate}）</translation>
        </message>
        <message>
            <source>Estimated {estimate} · a failed job is not charged (its credits are returned)</source>
            <translation>预估 {estimate} · 失败的任务不扣费（积分已退回）</translation>
        </message>
        <message>
            <source>Estimated {estimate} · charged {charged}</source>
            <translation>预估 {estimate} · 扣费 {charged}</translation>
        </message>
        <message>
            <source>{tool} failed: {name}.</source>
            <translation>{tool} 失败：{name}。</translation>
        </message>
        <message>
            <source>{tool} cancelled: {name}.</source>
            <translation>{tool} 已取消：{name}。</translation>
        </message>
        <message>
            <source>{elapsed}, ~{left} left</source>
            <translation>{elapsed}，剩余约 {left}</translation>
        </message>
        <message>
            <source>Downloading {percent}%</source>
            <translation>下载中 {percent}%</translation>
        </message>
        <message>
            <source>Completed, download failed</source>
            <translation>已完成，下载失败</translation>
        </message>
        <message>
            <source>Downloading the result {percent}%</source>
            <translation>正在下载结果 {percent}%</translation>
        </message>
        <message>
            <source>Completed, downloading</source>
            <translation>已完成，下载中</translation>
        </message>
        <message>
            <source>({provider} credits)</source>
            <translation>({provider} 积分)</translation>
        </message>
        <message>
            <source>{estimate} est. / {charged} charged</source>
            <translation>预估 {estimate} / 扣费 {charged}</translation>
        </message>
        <message>
            <source>{charged} charged</source>
            <translation>扣费 {charged}</translation>
        </message>
        <message>
            <source>Estimated {estimate} · charged {charged} (as {provider} reports)</source>
            <translation>预估 {estimate} · 扣费 {charged}（据 {provider} 报告）</translation>
        </message>
        <message>
            <source>Estimated {estimate} · charged {charged} (differs from the estimate)</source>
            <translation>预估 {estimate} · 扣费 {charged}（与预估不同）</translation>
        </message>
        <message>
            <source>{tool} finished: {name}, saved.</source>
            <translation>{tool} 已完成：{name}，已保存。</translation>
        </message>
        <message>
            <source>{tool} finished: {name}, but the download failed (see the Job Queue).</source>
            <translation>{tool} 已完成：{name}，但下载失败（请查看任务队列）。</translation>
        </message>
        <message>
            <source>{tool} failed: {name}: {error}</source>
            <translation>{tool} 失败：{name}：{error}</translation>
        </message>
        <message>
            <source>{tool} finished: {name}, saved (charged {charged}).</source>
            <translation>{tool} 已完成：{name}，已保存（扣费 {charged}）。</translation>
        </message>
        <message>
            <source>The part length must be a positive number of seconds.</source>
            <translation>分段时长必须是大于 0 的秒数。</translation>
        </message>
        <message>
            <source>There are no audio parts to join.</source>
            <translation>没有可拼接的音频片段。</translation>
        </message>
        <message>
            <source>The audio bit rate must be positive.</source>
            <translation>音频码率必须大于 0。</translation>
        </message>
        <message>
            <source>The sample rate must be positive.</source>
            <translation>采样率必须大于 0。</translation>
        </message>
        <message>
            <source>The duration to extract must be positive.</source>
            <translation>要提取的时长必须大于 0。</translation>
        </message>
        <message>
            <source>Extracting audio</source>
            <translation>正在提取音频</translation>
        </message>
        <message>
            <source>Split</source>
            <comment>the audio is cut into parts</comment>
            <translation>已分割</translation>
        </message>
        <message>
            <source>Joining audio</source>
            <translation>正在拼接音频</translation>
        </message>
        <message>
            <source>Cannot tell which audio format to write from {name}; use one of {formats} or pass a codec.</source>
            <translation>无法从 {name} 判断要写入的音频格式；请使用 {formats} 之一，或指定编解码器。</translation>
        </message>
        <message>
            <source>{name} has no audio track to use.</source>
            <translation>{name} 没有可用的音轨。</translation>
        </message>
        <message>
            <source>The start {start} s is outside {name} (0-{duration} s).</source>
            <translation>起点 {start} 秒超出了 {name} 的范围（0-{duration} 秒）。</translation>
        </message>
        <message>
            <source>Splitting audio ({k}/{n})</source>
            <translation>正在分割音频（{k}/{n}）</translation>
        </message>
        <message>
            <source>No working ffmpeg was found. Reinstall Verging Desktop (pip install verging-desktop ships one) or install ffmpeg from your system's package manager.</source>
            <translation>找不到可用的 ffmpeg。请重新安装 Verging Desktop（pip install verging-desktop 自带一个），或通过系统的软件包管理器安装 ffmpeg。</translation>
        </message>
        <message>
            <source>the keyframe could not be read back</source>
            <translation>无法读回关键帧</translation>
        </message>
        <message>
            <source>there is no keyframe inside the range to copy from</source>
            <translation>范围内没有可供复制的关键帧</translation>
        </message>
        <message numerus="yes">
            <source>copied %n frame(s) untouched</source>
            <translation>
                <numerusform>原样复制了 %n 帧</numerusform>
            </translation>
        </message>
        <message>
            <source>{seconds:.3f} s</source>
            <translation>{seconds:.3f} 秒</translation>
        </message>
        <message>
            <source>stream copy starts {early:.3f} s early at the keyframe at {at} and ends {late:.3f} s late, after the last frame that needs later frames to decode</source>
            <translation>流复制提前 {early:.3f} 秒从 {at} 处的关键帧开始，并推迟 {late:.3f} 秒结束，止于最后一个需要后续帧才能解码的帧之后</translation>
        </message>
        <message>
            <source>stream copy starts {early:.3f} s early at the keyframe at {at}</source>
            <translation>流复制提前 {early:.3f} 秒从 {at} 处的关键帧开始</translation>
        </message>
        <message>
            <source>The in and out points must be finite numbers of seconds.</source>
            <translation>入点和出点必须是有限的秒数。</translation>
        </message>
        <message>
            <source>the video has a variable frame rate</source>
            <translation>视频为可变帧率</translation>
        </message>
        <message>
            <source>the video is interlaced</source>
            <translation>视频为隔行扫描</translation>
        </message>
        <message>
            <source>the H.264 stream has no MP4-style decoder configuration</source>
            <translation>H.264 流没有 MP4 格式的解码器配置</translation>
        </message>
        <message>
            <source>the video's packets were not scanned</source>
            <translation>未扫描视频的数据包</translation>
        </message>
        <message>
            <source>the video has repeated timestamps</source>
            <translation>视频有重复的时间戳</translation>
        </message>
        <message>
            <source>the re-encoded part does not start with a keyframe</source>
            <translation>重新编码的部分不是以关键帧开头</translation>
        </message>
        <message>
            <source>the in point is on a keyframe</source>
            <translation>入点正好在关键帧上</translation>
        </message>
        <message numerus="yes">
            <source>re-encoded the last %n frame(s) (they depend on frames after the out point)</source>
            <translation>
                <numerusform>重新编码了最后 %n 帧（它们依赖出点之后的帧）</numerusform>
            </translation>
        </message>
        <message>
            <source>audio re-encoded for the exact range</source>
            <translation>音频按精确范围重新编码</translation>
        </message>
        <message>
            <source>; </source>
            <comment>joins the clauses of a cut note</comment>
            <translation>；</translation>
        </message>
        <message>
            <source>stream copy starts {early:.3f} s late at the first keyframe, {at}, and ends {late:.3f} s late, after the last frame that needs later frames to decode</source>
            <translation>流复制推迟 {early:.3f} 秒从第一个关键帧 {at} 开始，并推迟 {late:.3f} 秒结束，止于最后一个需要后续帧才能解码的帧之后</translation>
        </message>
        <message>
            <source>stream copy starts {early:.3f} s late at the first keyframe, {at}</source>
            <translation>流复制推迟 {early:.3f} 秒从第一个关键帧 {at} 开始</translation>
        </message>
        <message>
            <source>stream copy ends {late:.3f} s late, after the last frame that needs later frames to decode</source>
            <translation>流复制推迟 {late:.3f} 秒结束，止于最后一个需要后续帧才能解码的帧之后</translation>
        </message>
        <message>
            <source>stream copy starts and ends exactly</source>
            <translation>流复制的起止完全精确</translation>
        </message>
        <message>
            <source>The in and out points must be numbers of seconds.</source>
            <translation>入点和出点必须是秒数。</translation>
        </message>
        <message>
            <source>the joined parts do not cover every frame exactly once</source>
            <translation>拼接后的各部分没有让每一帧恰好出现一次</translation>
        </message>
        <message>
            <source>Re-encoding the edge frames</source>
            <translation>正在重新编码首尾帧</translation>
        </message>
        <message>
            <source>Encoding audio</source>
            <translation>正在编码音频</translation>
        </message>
        <message>
            <source>Re-encoding</source>
            <translation>正在重新编码</translation>
        </message>
        <message>
            <source>Copying</source>
            <translation>正在复制</translation>
        </message>
        <message>
            <source>{name} has no keyframes to copy from; use the exact mode.</source>
            <translation>{name} 没有可供复制的关键帧；请使用精确模式。</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Too many requests (429): the server asked us to slow down. Retry in a moment.</source>
            <translation>请求过多（429）：服务器要求放慢速度。请稍后重试。</translation>
        </message>
        <message>
            <source>The AI provider behind Verging failed (502). Retry in a moment.</source>
            <translation>Verging 背后的 AI 服务商出错（502）。请稍后重试。</translation>
        </message>
        <message>
            <source>Unexpected error: {error}</source>
            <translation>意外错误：{error}</translation>
        </message>
        <message>
            <source>Verging is unavailable or timed out ({status}). Retry in a moment.</source>
            <translation>Verging 不可用或超时（{status}）。请稍后重试。</translation>
        </message>
        <message>
            <source>Unexpected error: {error}: {details}</source>
            <translation>意外错误：{error}：{details}</translation>
        </message>
        <message>
            <source>Not enough credits: this needs {required} and your balance is {available:g}. Buy credits on verging.ai, then retry.</source>
            <translation>积分不足：此操作需要 {required}，而你的余额为 {available:g}。请在 verging.ai 购买积分后重试。</translation>
        </message>
        <message>
            <source>Too many requests (429): the server asks to wait {wait:.0f} s before retrying.</source>
            <translation>请求过多（429）：服务器要求等待 {wait:.0f} 秒后再重试。</translation>
        </message>
        <message>
            <source>{service} needs a balance of at least {minimum} before sending; yours is {balance:g}. Nothing was sent. Buy credits on verging.ai, then retry.</source>
            <translation>{service}在发送前需要至少 {minimum}的余额；你的余额为 {balance:g}。未发送任何内容。请在 verging.ai 购买积分后重试。</translation>
        </message>
        <message>
            <source>This address has a user name or password in it; for your safety it is not used. Download the file yourself and drop it in, or give an address without credentials.</source>
            <translation>此地址中含有用户名或密码；为了您的安全，不会使用它。请自行下载文件后拖入，或提供不含凭据的地址。</translation>
        </message>
        <message>
            <source>This address gave an empty file (0 bytes).</source>
            <translation>此地址返回的是空文件（0 字节）。</translation>
        </message>
        <message>
            <source>This address gave a web page, not a video. Give the video's own address or the page's address, or download the video yourself and drop the file in.</source>
            <translation>此地址返回的是网页，而不是视频。请提供视频本身的地址或其所在页面的地址，或自行下载视频后拖入文件。</translation>
        </message>
        <message>
            <source>This video is private: only its owner can watch it. Ask for the file, or download it yourself if you may and drop the file in.</source>
            <translation>此视频为私密视频：只有其所有者可以观看。请向所有者索取文件，或在获得许可的情况下自行下载后拖入文件。</translation>
        </message>
        <message>
            <source>This video was removed or is not available.</source>
            <translation>此视频已被删除或无法访问。</translation>
        </message>
        <message>
            <source>No video was found at this address: the page has none that can be read. Give the video's own address, or download it yourself and drop the file in.</source>
            <translation>此地址中未找到视频：该页面没有可读取的视频。请提供视频本身的地址，或自行下载后拖入文件。</translation>
        </message>
        <message>
            <source>This site does not allow fetching only a part; the whole file was downloaded.</source>
            <translation>此网站不支持只获取一部分，已下载整个文件。</translation>
        </message>
        <message>
            <source>This site does not allow fetching only a part; the whole video was downloaded.</source>
            <translation>此网站不支持只获取一部分，已下载整个视频。</translation>
        </message>
        <message>
            <source>This is not a web address that can be fetched. Give an http or https address.</source>
            <translation>这不是可以获取的网址。请提供 http 或 https 地址。</translation>
        </message>
        <message>
            <source>This address gave a web page, not an image. Open it in a browser, save the image and drop the file in, or give the image's own address.</source>
            <translation>此地址返回的是网页，而不是图片。请在浏览器中打开它，保存图片后拖入文件，或提供图片本身的地址。</translation>
        </message>
        <message>
            <source>This address gave a web page, not an audio file. Give the file's own address, or download it yourself and drop the file in.</source>
            <translation>此地址返回的是网页，而不是音频文件。请提供文件本身的地址，或自行下载后拖入文件。</translation>
        </message>
        <message>
            <source>This address did not give media: its content is not a format this app reads.</source>
            <translation>此地址返回的不是媒体文件：其内容不是本应用能读取的格式。</translation>
        </message>
        <message>
            <source>{host} answered an error ({status}) for this address.</source>
            <translation>{host} 对此地址返回了错误（{status}）。</translation>
        </message>
        <message>
            <source>{host} could not be reached. Check the address and your connection, then try again.</source>
            <translation>无法连接到 {host}。请检查地址和网络连接，然后重试。</translation>
        </message>
        <message>
            <source>This file is {size}; the limit is {limit}. Download a shorter or smaller version yourself and drop it in.</source>
            <translation>此文件大小为 {size}；上限为 {limit}。请自行下载更短或更小的版本后拖入。</translation>
        </message>
        <message>
            <source>This site could not be read: {reason}. Download the video yourself and drop the file in.</source>
            <translation>无法读取此网站：{reason}。请自行下载视频后拖入文件。</translation>
        </message>
        <message>
            <source>Start and end must be times of 0 s or more.</source>
            <translation>开始和结束时间必须大于或等于 0 秒。</translation>
        </message>
        <message>
            <source>This address is a web page, not an image. Open it in a browser, save the image and drop the file in, or give the image's own address.</source>
            <translation>此地址是网页，而不是图片。请在浏览器中打开它，保存图片后拖入文件，或提供图片本身的地址。</translation>
        </message>
        <message>
            <source>This site could not be read: yt-dlp is not installed. Download the video yourself and drop the file in.</source>
            <translation>无法读取此网站：未安装 yt-dlp。请自行下载视频后拖入文件。</translation>
        </message>
        <message>
            <source>This is a live stream; only recorded videos can be fetched.</source>
            <translation>这是直播；只能获取已录制的视频。</translation>
        </message>
        <message>
            <source>no file was written</source>
            <translation>没有写入任何文件</translation>
        </message>
        <message>
            <source>Only http and https addresses can be fetched; this one starts with {scheme}:.</source>
            <translation>只能获取 http 和 https 地址；此地址以 {scheme}: 开头。</translation>
        </message>
        <message>
            <source>{text} is not a complete web address (no host name).</source>
            <translation>{text} 不是完整的网址（缺少主机名）。</translation>
        </message>
        <message>
            <source>Nothing was found at this address ({host} answered {status}). Check the address.</source>
            <translation>此地址下没有找到内容（{host} 返回 {status}）。请检查地址。</translation>
        </message>
        <message>
            <source>{host} refused to give this file ({status}): it may be private or need a login. Download it yourself and drop the file in.</source>
            <translation>{host} 拒绝提供此文件（{status}）：它可能是私密的或需要登录。请自行下载后拖入文件。</translation>
        </message>
        <message>
            <source>{host} had a problem ({status}). Try again later, or download the file yourself and drop it in.</source>
            <translation>{host} 出现问题（{status}）。请稍后重试，或自行下载文件后拖入。</translation>
        </message>
        <message>
            <source>{host} did not answer in time. Check the address and your connection, then try again.</source>
            <translation>{host} 未及时响应。请检查地址和网络连接，然后重试。</translation>
        </message>
        <message>
            <source>The download from {host} failed: {error}</source>
            <translation>从 {host} 下载失败：{error}</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>未说明原因</translation>
        </message>
        <message>
            <source>{text} is not a web address; give an http or https address, or choose a file.</source>
            <translation>{text} 不是网址；请提供 http 或 https 地址，或选择一个文件。</translation>
        </message>
        <message>
            <source>This address did not give a video: its content is not a format this app reads.</source>
            <translation>此地址返回的不是视频：其内容不是本应用能读取的格式。</translation>
        </message>
        <message>
            <source>This address did not give an image: its content is not a format this app reads.</source>
            <translation>此地址返回的不是图片：其内容不是本应用能读取的格式。</translation>
        </message>
        <message>
            <source>This address did not give an audio file: its content is not a format this app reads.</source>
            <translation>此地址返回的不是音频文件：其内容不是本应用能读取的格式。</translation>
        </message>
        <message>
            <source>The download of {size} was not started (not confirmed).</source>
            <translation>大小为 {size} 的下载未开始（未确认）。</translation>
        </message>
        <message>
            <source>This address gave a {kind} file, not a video.</source>
            <translation>此地址返回的是 {kind} 文件，而不是视频。</translation>
        </message>
        <message>
            <source>This address gave a {kind} file, not an image.</source>
            <translation>此地址返回的是 {kind} 文件，而不是图片。</translation>
        </message>
        <message>
            <source>This address gave a {kind} file, not an audio file.</source>
            <translation>此地址返回的是 {kind} 文件，而不是音频文件。</translation>
        </message>
        <message numerus="yes">
            <source>Part {k} of {n} failed: {error} So far %n part(s) (was|were) transcribed and charged ({credits}).</source>
            <translation>
                <numerusform>第 {k} 部分（共 {n} 部分）失败：{error} 目前已有 %n 个部分完成转写并已计费（{credits}）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Part {k} of {n} failed: {error}</source>
            <translation>第 {k} 部分（共 {n} 部分）失败：{error}</translation>
        </message>
        <message numerus="yes">
            <source>Part {k} of {n} failed: {error} So far %n part(s) (was|were) synthesized and charged ({credits}); nothing was joined.</source>
            <translation>
                <numerusform>第 {k} 部分（共 {n} 部分）失败：{error} 目前已有 %n 个部分完成合成并已计费（{credits}）；尚未合并任何内容。</numerusform>
            </translation>
        </message>
        <message>
            <source>Part {k} of {n} failed: {error} Nothing was charged.</source>
            <translation>第 {k} 部分（共 {n} 部分）失败：{error} 未产生任何费用。</translation>
        </message>
        <message>
            <source>failed, refunded</source>
            <translation>失败，已退款</translation>
        </message>
        <message>
            <source>job {id}</source>
            <comment>a job in the spend history</comment>
            <translation>任务 {id}</translation>
        </message>
        <message>
            <source>asset {id}</source>
            <comment>a Vimmerse asset in the spend history</comment>
            <translation>资源 {id}</translation>
        </message>
        <message>
            <source>caption setting</source>
            <translation>字幕设置</translation>
        </message>
        <message>
            <source>{what}: {error}</source>
            <translation>{what}：{error}</translation>
        </message>
        <message>
            <source>video-to-video option</source>
            <translation>视频转视频选项</translation>
        </message>
        <message>
            <source>The output file must not be the input file; choose another name.</source>
            <translation>输出文件不能是输入文件；请换一个名称。</translation>
        </message>
        <message>
            <source>re-encoded the whole range</source>
            <translation>整个范围已重新编码</translation>
        </message>
        <message>
            <source>{name} has no video frames to cut.</source>
            <translation>{name} 没有可剪切的视频帧。</translation>
        </message>
        <message>
            <source>The in point ({start}) is after the out point ({end}); swap them.</source>
            <translation>入点（{start}）在出点（{end}）之后；请交换两者。</translation>
        </message>
        <message>
            <source>The range is empty: in and out are both at {start}.</source>
            <translation>范围为空：入点和出点都在 {start}。</translation>
        </message>
        <message>
            <source>The in point {start} is outside the clip, which runs from 0 to {end}.</source>
            <translation>入点 {start} 超出了片段范围（0 到 {end}）。</translation>
        </message>
        <message>
            <source>The out point {end} is past the end of the clip ({clip_end}); the longest cut from {start} is {longest}.</source>
            <translation>出点 {end} 超过了片段结尾（{clip_end}）；从 {start} 起最长可剪 {longest}。</translation>
        </message>
        <message>
            <source>The range ({ms:.0f} ms) is shorter than one frame ({frame_ms:.0f} ms at {fps:.3g} fps); make it longer.</source>
            <translation>范围（{ms:.0f} 毫秒）短于一帧（{fps:.3g} fps 时为 {frame_ms:.0f} 毫秒）；请加长。</translation>
        </message>
        <message>
            <source>The range {start}-{end} holds no whole frame; make it longer.</source>
            <translation>范围 {start}-{end} 内没有完整的一帧；请加长。</translation>
        </message>
        <message>
            <source>smart cut needs H.264 video, this is {codec}</source>
            <translation>智能剪切需要 H.264 视频，此视频为 {codec}</translation>
        </message>
        <message>
            <source>the H.264 profile ({profile}) cannot be matched by the encoder</source>
            <translation>编码器无法匹配 H.264 配置（{profile}）</translation>
        </message>
        <message>
            <source>the pixel format ({pix_fmt}) cannot be matched by the encoder</source>
            <translation>编码器无法匹配像素格式（{pix_fmt}）</translation>
        </message>
        <message>
            <source>the encoder wrote {written} frames instead of {wanted}</source>
            <translation>编码器写出了 {written} 帧，而不是 {wanted} 帧</translation>
        </message>
        <message numerus="yes">
            <source>re-encoded the first %n frame(s) ({seconds:.2f} s, up to the keyframe at {keyframe})</source>
            <translation>
                <numerusform>重新编码了开头 %n 帧（{seconds:.2f} 秒，直到 {keyframe} 处的关键帧）</numerusform>
            </translation>
        </message>
        <message>
            <source>Unknown cut mode {mode!r}; use one of {modes}.</source>
            <translation>未知的剪切模式 {mode!r}；请使用 {modes} 之一。</translation>
        </message>
        <message>
            <source>The output name {name!r} needs one of the extensions {suffixes}.</source>
            <translation>输出文件名 {name!r} 需要使用以下扩展名之一：{suffixes}。</translation>
        </message>
        <message>
            <source>the source ended early while copying</source>
            <translation>复制时源文件提前结束</translation>
        </message>
        <message>
            <source>Re-encoding the first frames</source>
            <translation>正在重新编码开头的帧</translation>
        </message>
        <message>
            <source>Re-encoding the last frames</source>
            <translation>正在重新编码结尾的帧</translation>
        </message>
        <message>
            <source>smart cut not possible ({reason}); re-encoded the whole range instead</source>
            <translation>无法智能剪切（{reason}）；已改为重新编码整个范围</translation>
        </message>
        <message>
            <source>the source's packets changed while copying</source>
            <translation>复制时源文件的数据包发生了变化</translation>
        </message>
        <message>
            <source>exit code {code}</source>
            <translation>退出码 {code}</translation>
        </message>
        <message>
            <source>ffmpeg failed: {detail}</source>
            <translation>ffmpeg 失败：{detail}</translation>
        </message>
        <message>
            <source>Could not start ffmpeg ({path}): {reason}</source>
            <translation>无法启动 ffmpeg（{path}）：{reason}</translation>
        </message>
        <message>
            <source>The selection is {length} s; {provider} takes at most {max:g} s per job. Move the in or out point.</source>
            <translation>所选片段为 {length} 秒；{provider} 每个任务最多接受 {max:g} 秒。请移动入点或出点。</translation>
        </message>
        <message>
            <source>{name} is not a media file ({reason}); choose a video file.</source>
            <translation>{name} 不是媒体文件（{reason}）；请选择视频文件。</translation>
        </message>
        <message>
            <source>{name} is truncated or corrupt: no video frame in it can be decoded.</source>
            <translation>{name} 不完整或已损坏：其中没有可解码的视频帧。</translation>
        </message>
        <message>
            <source>{name} looks like {kind} media but is truncated or corrupt ({reason}); it may still be downloading or copying.</source>
            <translation>{name} 看起来是 {kind} 媒体，但不完整或已损坏（{reason}）；它可能仍在下载或复制中。</translation>
        </message>
        <message>
            <source>{name} is a {kind} file, not a video this app can read ({reason}).</source>
            <translation>{name} 是 {kind} 文件，不是本应用能读取的视频（{reason}）。</translation>
        </message>
        <message>
            <source>{path} does not exist.</source>
            <translation>{path} 不存在。</translation>
        </message>
        <message>
            <source>{path} is a folder, not a media file.</source>
            <translation>{path} 是文件夹，不是媒体文件。</translation>
        </message>
        <message>
            <source>{name} is empty (0 bytes); it may still be downloading or copying.</source>
            <translation>{name} 为空（0 字节）；它可能仍在下载或复制中。</translation>
        </message>
        <message>
            <source>{name} is an image, not a video; choose a video file.</source>
            <translation>{name} 是图片，不是视频；请选择视频文件。</translation>
        </message>
        <message>
            <source>{name} is a single frame, too short to be used as a video (it lasts {seconds:.3f} s).</source>
            <translation>{name} 只有一帧，太短，无法作为视频使用（时长 {seconds:.3f} 秒）。</translation>
        </message>
        <message>
            <source>{name} is empty: its duration is zero.</source>
            <translation>{name} 为空：时长为零。</translation>
        </message>
        <message>
            <source>{name} is shorter than one frame ({ms:.0f} ms).</source>
            <translation>{name} 短于一帧（{ms:.0f} 毫秒）。</translation>
        </message>
        <message>
            <source>{name} is corrupt: its video cannot be decoded ({reason}).</source>
            <translation>{name} 已损坏：其视频无法解码（{reason}）。</translation>
        </message>
        <message>
            <source>{name} cannot be read: {reason}</source>
            <translation>无法读取 {name}：{reason}</translation>
        </message>
        <message>
            <source>{name} has no video stream (not a video); choose a video file.</source>
            <translation>{name} 没有视频流（不是视频）；请选择视频文件。</translation>
        </message>
        <message>
            <source>{name} has no audio or video stream.</source>
            <translation>{name} 没有音频或视频流。</translation>
        </message>
        <message>
            <source>{name} is truncated or corrupt: it holds no video frames.</source>
            <translation>{name} 不完整或已损坏：其中没有视频帧。</translation>
        </message>
        <message>
            <source>{name} is truncated: only {have} of its {expected} video frames are present (the download or copy may not have finished).</source>
            <translation>{name} 不完整：{expected} 个视频帧中只有 {have} 个（下载或复制可能尚未完成）。</translation>
        </message>
        <message>
            <source>{name} has no video stream (an audio file); choose a video file.</source>
            <translation>{name} 没有视频流（是音频文件）；请选择视频文件。</translation>
        </message>
        <message>
            <source>{name} is truncated or corrupt ({reason}).</source>
            <translation>{name} 不完整或已损坏（{reason}）。</translation>
        </message>
        <message>
            <source>New conversation</source>
            <translation>新对话</translation>
        </message>
        <message>
            <source>Extracting the sound track</source>
            <translation>正在提取音轨</translation>
        </message>
        <message>
            <source>Converting to compact audio</source>
            <translation>正在转换为紧凑音频</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Transcribing</source>
            <translation>正在转写</translation>
        </message>
        <message>
            <source>Transcribing part {k} of {n}</source>
            <translation>正在转写第 {k} 部分（共 {n} 部分）</translation>
        </message>
        <message>
            <source>Downloading</source>
            <translation>正在下载</translation>
        </message>
        <message numerus="yes">
            <source>Joining %n part(s)</source>
            <translation>
                <numerusform>正在合并 %n 个部分</numerusform>
            </translation>
        </message>
        <message>
            <source>Downloading part {k} of {n}</source>
            <translation>正在下载第 {k} 部分（共 {n} 部分）</translation>
        </message>
        <message>
            <source>Synthesizing part {k} of {n}: {chars:,} characters</source>
            <translation>正在合成第 {k} 部分（共 {n} 部分）：{chars:,} 个字符</translation>
        </message>
        <message>
            <source>Synthesizing {chars:,} characters</source>
            <translation>正在合成 {chars:,} 个字符</translation>
        </message>
        <message>
            <source>Drop the video whose background to replace.</source>
            <translation>请拖放要替换背景的视频。</translation>
        </message>
        <message>
            <source>Choose the new background: an image, a video or a prompt.</source>
            <translation>请选择新背景：图片、视频或提示词。</translation>
        </message>
        <message>
            <source>Describe the new background (the prompt is empty), or choose an image or a video.</source>
            <translation>请描述新背景（提示词为空），或选择图片或视频。</translation>
        </message>
        <message>
            <source>Drop the background image, or choose a video or a prompt instead.</source>
            <translation>请拖放背景图片，或改选视频或提示词。</translation>
        </message>
        <message>
            <source>Drop the background video, or choose an image or a prompt instead.</source>
            <translation>请拖放背景视频，或改选图片或提示词。</translation>
        </message>
        <message>
            <source>{amount} (local price table, editable in Settings)</source>
            <translation>{amount}（本地价格表，可在设置中编辑）</translation>
        </message>
        <message>
            <source>{amount} (Vimmerse's estimate)</source>
            <translation>{amount}（Vimmerse 的预估）</translation>
        </message>
        <message>
            <source>Vimmerse's estimate did not know the app '{app}'; the local price table was used.</source>
            <translation>Vimmerse 的预估不认识应用“{app}”；已使用本地价格表。</translation>
        </message>
        <message>
            <source>Vimmerse's estimate did not know the option '{option}' of {app}; the local price table was used.</source>
            <translation>Vimmerse 的预估不认识 {app} 的选项“{option}”；已使用本地价格表。</translation>
        </message>
        <message>
            <source>Vimmerse's estimate did not answer ({message}); the local price table was used.</source>
            <translation>Vimmerse 的预估没有响应（{message}）；已使用本地价格表。</translation>
        </message>
        <message>
            <source>'{url}' is not a usable {what} URL: write it as https://host/path, without spaces.</source>
            <translation>“{url}”不是可用的 {what} 网址：请写成 https://host/path 的形式，不含空格。</translation>
        </message>
        <message>
            <source>{name} is an image, not a video. Choose a video file (MP4, MOV, AVI or WebM).</source>
            <translation>{name} 是图片，不是视频。请选择视频文件（MP4、MOV、AVI 或 WebM）。</translation>
        </message>
        <message>
            <source>{name} is an audio file, not a video. Choose a video file (MP4, MOV, AVI or WebM).</source>
            <translation>{name} 是音频文件，不是视频。请选择视频文件（MP4、MOV、AVI 或 WebM）。</translation>
        </message>
        <message>
            <source>{name} is {size}; Vimmerse jobs here take videos of at most {video_bytes}. Trim or compress it first.</source>
            <translation>{name} 大小为 {size}；这里的 Vimmerse 任务只接受最大 {video_bytes} 的视频。请先截取或压缩。</translation>
        </message>
        <message>
            <source>{name} has no video stream; choose a video file.</source>
            <translation>{name} 没有视频流；请选择视频文件。</translation>
        </message>
        <message>
            <source>The start {start} s is past the end of {name} ({duration} s).</source>
            <translation>起点 {start} 秒超出了 {name} 的结尾（{duration} 秒）。</translation>
        </message>
        <message>
            <source>The end ({end} s) must come after the start ({start} s).</source>
            <translation>终点（{end} 秒）必须在起点（{start} 秒）之后。</translation>
        </message>
        <message>
            <source>The range is {length}; Vimmerse jobs here take at most {video_seconds}. Choose a shorter range.</source>
            <translation>所选范围为 {length}；这里的 Vimmerse 任务最长 {video_seconds}。请选择更短的范围。</translation>
        </message>
        <message>
            <source>{name} is not an image (its content is not JPEG, PNG or WebP).</source>
            <translation>{name} 不是图片（其内容不是 JPEG、PNG 或 WebP）。</translation>
        </message>
        <message>
            <source>{name} is {size}; images for Vimmerse may be at most {image_bytes}. Downscale or compress it first.</source>
            <translation>{name} 大小为 {size}；发送给 Vimmerse 的图片最大为 {image_bytes}。请先缩小或压缩。</translation>
        </message>
        <message>
            <source>{name} is an image, not audio. Choose a recording (MP3, WAV, M4A, OGG or FLAC).</source>
            <translation>{name} 是图片，不是音频。请选择录音文件（MP3、WAV、M4A、OGG 或 FLAC）。</translation>
        </message>
        <message>
            <source>{name} is {size}; audio for Vimmerse may be at most {audio_bytes}. Compress or shorten it first.</source>
            <translation>{name} 大小为 {size}；发送给 Vimmerse 的音频最大为 {audio_bytes}。请先压缩或缩短。</translation>
        </message>
        <message>
            <source>{name} is a video; give an audio file (export its sound as MP3 or WAV first).</source>
            <translation>{name} 是视频；请提供音频文件（先把声音导出为 MP3 或 WAV）。</translation>
        </message>
        <message>
            <source>{name} holds no sound.</source>
            <translation>{name} 不含声音。</translation>
        </message>
        <message>
            <source>{name} is {length} long; audio for Vimmerse may last at most {audio_seconds}. Shorten it first.</source>
            <translation>{name} 时长为 {length}；发送给 Vimmerse 的音频最长 {audio_seconds}。请先缩短。</translation>
        </message>
        <message>
            <source>{name} cannot be read ({reason}).</source>
            <translation>无法读取 {name}（{reason}）。</translation>
        </message>
        <message>
            <source>{name} is a {format} file; Vimmerse takes MP4, MOV, AVI or WebM. Convert it to MP4 first.</source>
            <translation>{name} 是 {format} 文件；Vimmerse 只接受 MP4、MOV、AVI 或 WebM。请先转换为 MP4。</translation>
        </message>
        <message>
            <source>{name} is {duration} long; Vimmerse jobs here take at most {video_seconds}. Trim it first.</source>
            <translation>{name} 时长为 {duration}；这里的 Vimmerse 任务最长 {video_seconds}。请先截取。</translation>
        </message>
        <message>
            <source>{name} is a video, not an image. Choose a picture (JPEG, PNG or WebP).</source>
            <translation>{name} 是视频，不是图片。请选择图片（JPEG、PNG 或 WebP）。</translation>
        </message>
        <message>
            <source>{name} is an audio file, not an image. Choose a picture (JPEG, PNG or WebP).</source>
            <translation>{name} 是音频文件，不是图片。请选择图片（JPEG、PNG 或 WebP）。</translation>
        </message>
        <message>
            <source>{name} is a {kind} image; Vimmerse takes JPEG, PNG or WebP. Convert it first.</source>
            <translation>{name} 是 {kind} 图片；Vimmerse 只接受 JPEG、PNG 或 WebP。请先转换。</translation>
        </message>
        <message>
            <source>{name} is not a readable audio file (it is truncated or corrupt).</source>
            <translation>{name} 不是可读取的音频文件（文件不完整或已损坏）。</translation>
        </message>
        <message>
            <source>The connection to {what} failed ({error}). Try again in a moment.</source>
            <translation>与 {what} 的连接失败（{error}）。请稍后重试。</translation>
        </message>
        <message>
            <source>The API key was refused (invalid, revoked or missing). Open Manage API keys to check it.</source>
            <translation>API 密钥被拒绝（无效、已撤销或缺失）。请打开“管理 API 密钥”检查。</translation>
        </message>
        <message>
            <source>Too many requests: the server asked us to slow down.</source>
            <translation>请求过多：服务器要求降低请求频率。</translation>
        </message>
        <message>
            <source>Could not find a free name for {name} in {folder}; the result is kept as {part}.</source>
            <translation>无法在 {folder} 中为 {name} 找到可用的文件名；结果保留为 {part}。</translation>
        </message>
        <message>
            <source>Could not connect to {what}. Check your network connection and try again.</source>
            <translation>无法连接到 {what}。请检查网络连接后重试。</translation>
        </message>
        <message>
            <source>{what} took too long to answer. Try again in a moment.</source>
            <translation>{what} 响应超时。请稍后重试。</translation>
        </message>
        <message>
            <source>The server answered an error ({status}): {message}</source>
            <translation>服务器返回错误（{status}）：{message}</translation>
        </message>
        <message>
            <source>The server answered an error: {message}</source>
            <translation>服务器返回错误：{message}</translation>
        </message>
        <message>
            <source>no details</source>
            <translation>无详细信息</translation>
        </message>
        <message>
            <source>Not enough credits: this needs {required} and your balance is {available}. Buy credits on {shop} or choose a cheaper option.</source>
            <translation>积分不足：需要 {required}，而你的余额为 {available}。请在 {shop} 购买积分，或选择更便宜的选项。</translation>
        </message>
        <message>
            <source>The server rejected the request: {message}</source>
            <translation>服务器拒绝了请求：{message}</translation>
        </message>
        <message>
            <source>Not found: {what}</source>
            <translation>未找到：{what}</translation>
        </message>
        <message>
            <source>{path} already exists; choose another name.</source>
            <translation>{path} 已存在；请换一个名称。</translation>
        </message>
        <message>
            <source>Not enough credits: {message}. Buy credits on {shop}.</source>
            <translation>积分不足：{message}。请在 {shop} 购买积分。</translation>
        </message>
        <message>
            <source>Not enough credits. Buy credits on {shop}.</source>
            <translation>积分不足。请在 {shop} 购买积分。</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>请在 {seconds} 秒后重试。</translation>
        </message>
        <message>
            <source>bad request</source>
            <translation>错误的请求</translation>
        </message>
        <message>
            <source>The AI provider behind {name} failed (502). Try again in a moment.</source>
            <translation>{name} 背后的 AI 服务商出错（502）。请稍后重试。</translation>
        </message>
        <message>
            <source>{name} is unavailable or timed out ({status}). Try again in a moment.</source>
            <translation>{name} 不可用或超时（{status}）。请稍后重试。</translation>
        </message>
        <message>
            <source>Server said: {message}</source>
            <translation>服务器返回：{message}</translation>
        </message>
        <message>
            <source>{name} had an internal error ({status}).</source>
            <translation>{name} 发生内部错误（{status}）。</translation>
        </message>
        <message>
            <source>the job read</source>
            <translation>读取任务</translation>
        </message>
        <message>
            <source>No varg API key is set. Add one in Manage API keys (or use the sandbox).</source>
            <translation>尚未设置 varg API 密钥。请在“管理 API 密钥”中添加（或使用沙盒）。</translation>
        </message>
        <message>
            <source>The varg connection was closed (the app is switching keys or closing); nothing was sent.</source>
            <translation>varg 连接已关闭（应用正在切换密钥或退出）；未发送任何内容。</translation>
        </message>
        <message>
            <source>the upload</source>
            <translation>上传</translation>
        </message>
        <message>
            <source>A varg job id is needed.</source>
            <translation>需要 varg 任务 ID。</translation>
        </message>
        <message>
            <source>varg accepted the upload but sent no URL for it. Try the upload again.</source>
            <translation>varg 接受了上传，但没有返回文件的 URL。请重新上传。</translation>
        </message>
        <message>
            <source>the job stream</source>
            <translation>任务状态流</translation>
        </message>
        <message>
            <source>'{url}' is not a web address: the varg base URL starts with https://.</source>
            <translation>“{url}”不是网址：varg 的基础 URL 以 https:// 开头。</translation>
        </message>
        <message>
            <source>'{url}' is not encrypted: the varg key and your provider keys go only over https:// (plain http:// only to this computer, such as the sandbox).</source>
            <translation>“{url}”未加密：varg 密钥和你的服务商密钥只通过 https:// 发送（普通 http:// 仅限本机，例如沙盒）。</translation>
        </message>
        <message>
            <source>{path} does not exist or is not a file.</source>
            <translation>{path} 不存在或不是文件。</translation>
        </message>
        <message>
            <source>{name} is {size}; varg takes files up to {limit}. Compress or shorten it, then try again.</source>
            <translation>{name} 大小为 {size}；varg 只接受不超过 {limit} 的文件。请压缩或缩短后重试。</translation>
        </message>
        <message>
            <source>varg job {id} has neither a transcript text nor a file with it.</source>
            <translation>varg 任务 {id} 既没有转写文本，也没有附带文件。</translation>
        </message>
        <message>
            <source>the varg file server</source>
            <translation>varg 文件服务器</translation>
        </message>
        <message>
            <source>'{url}' is not a web address to download from.</source>
            <translation>“{url}”不是可供下载的网址。</translation>
        </message>
        <message>
            <source>varg answered {what} without a job id.</source>
            <translation>varg 对{what}的响应中没有任务 ID。</translation>
        </message>
        <message>
            <source>varg answered {what} ({status}) with something that is not JSON.</source>
            <translation>varg 对{what}的响应（{status}）不是 JSON。</translation>
        </message>
        <message>
            <source>{path} changed while it was being uploaded ({sent} of {size} bytes). Wait until it is fully written, then upload it again.</source>
            <translation>{path} 在上传过程中发生了变化（已发送 {sent} / {size} 字节）。请等待文件完全写入后再重新上传。</translation>
        </message>
        <message>
            <source>'{kind}' is not a varg job kind (one of {kinds}).</source>
            <translation>“{kind}”不是 varg 任务类型（应为以下之一：{kinds}）。</translation>
        </message>
        <message>
            <source>Upload these files before sending the request (they have no varg URL yet): {files}</source>
            <translation>发送请求前请先上传以下文件（它们还没有 varg URL）：{files}</translation>
        </message>
        <message>
            <source>Not enough varg balance. Add credits at varg.ai/dashboard.</source>
            <translation>varg 余额不足。请在 varg.ai/dashboard 充值。</translation>
        </message>
        <message>
            <source>Too many requests to varg: it asked us to slow down.</source>
            <translation>对 varg 的请求过多：它要求降低请求频率。</translation>
        </message>
        <message>
            <source>varg did not accept the request (no details given).</source>
            <translation>varg 未接受该请求（未提供详情）。</translation>
        </message>
        <message>
            <source>this costs {required} ¢ and the balance is {available} ¢</source>
            <translation>需要 {required} ¢，而余额为 {available} ¢</translation>
        </message>
        <message>
            <source>Not enough varg balance: {message}. Add credits at varg.ai/dashboard.</source>
            <translation>varg 余额不足：{message}。请在 varg.ai/dashboard 充值。</translation>
        </message>
        <message>
            <source>varg did not accept the request: {message} ({field}).</source>
            <translation>varg 未接受该请求：{message}（{field}）。</translation>
        </message>
        <message>
            <source>Too many requests to varg: it asked us to slow down ({message}).</source>
            <translation>对 varg 的请求过多：它要求降低请求频率（{message}）。</translation>
        </message>
        <message>
            <source>{provider}, the provider behind varg for this model, failed ({status}). Try again in a moment.</source>
            <translation>此模型在 varg 背后的服务商 {provider} 出错（{status}）。请稍后重试。</translation>
        </message>
        <message>
            <source>The AI provider behind varg failed ({status}). Try again in a moment.</source>
            <translation>varg 背后的 AI 服务商出错（{status}）。请稍后重试。</translation>
        </message>
        <message>
            <source>The file is over {mb} MB, the most varg takes. Compress or shorten it, then try again.</source>
            <translation>文件超过 {mb} MB，即 varg 可接受的上限。请压缩或缩短后重试。</translation>
        </message>
        <message>
            <source>varg did not accept the request: {message}.</source>
            <translation>varg 未接受该请求：{message}。</translation>
        </message>
        <message>
            <source>varg has no such job: {what}</source>
            <translation>varg 没有这个任务：{what}</translation>
        </message>
        <message>
            <source>varg has no such item: {what}</source>
            <translation>varg 没有这一项：{what}</translation>
        </message>
        <message>
            <source>(varg said: {message})</source>
            <translation>（varg 返回：{message}）</translation>
        </message>
        <message>
            <source>No API key is set. Add one in Manage API keys (or use the sandbox).</source>
            <translation>尚未设置 API 密钥。请在“管理 API 密钥”中添加（或使用沙盒）。</translation>
        </message>
        <message>
            <source>Page size must be between 1 and 100.</source>
            <translation>每页条数必须在 1 到 100 之间。</translation>
        </message>
        <message>
            <source>Page numbers start at 1.</source>
            <translation>页码从 1 开始。</translation>
        </message>
        <message>
            <source>The server did not return an upload URL. Try again in a moment.</source>
            <translation>服务器没有返回上传 URL。请稍后重试。</translation>
        </message>
        <message>
            <source>The server accepted the job but sent no job id. Check your jobs on verging.ai.</source>
            <translation>服务器接受了任务，但没有返回任务 ID。请在 verging.ai 上查看你的任务。</translation>
        </message>
        <message>
            <source>The connection dropped while the reply was streaming. The part received is kept; send again to get a full reply.</source>
            <translation>回复传输过程中连接中断。已收到的部分会保留；请重新发送以获得完整回复。</translation>
        </message>
        <message>
            <source>Job {job_id} did not finish within {timeout} s; it keeps running on the server.</source>
            <translation>任务 {job_id} 未在 {timeout} 秒内完成；它会在服务器上继续运行。</translation>
        </message>
        <message>
            <source>The image request was refused by the content policy. Change the prompt and try again.</source>
            <translation>图片请求因内容政策被拒绝。请修改提示词后重试。</translation>
        </message>
        <message>
            <source>The server sent an answer that is not JSON ({status}).</source>
            <translation>服务器返回的响应不是 JSON（{status}）。</translation>
        </message>
        <message>
            <source>the asset read</source>
            <translation>读取资源</translation>
        </message>
        <message>
            <source>No Vimmerse API key is set. Add one in Manage API keys (or use the sandbox).</source>
            <translation>尚未设置 Vimmerse API 密钥。请在“管理 API 密钥”中添加（或使用沙盒）。</translation>
        </message>
        <message>
            <source>An asset id is needed.</source>
            <translation>需要资源 ID。</translation>
        </message>
        <message>
            <source>The Vimmerse connection was closed (the app is switching keys or closing); nothing was sent.</source>
            <translation>Vimmerse 连接已关闭（应用正在切换密钥或退出）；未发送任何内容。</translation>
        </message>
        <message>
            <source>the {app} request</source>
            <translation>{app} 请求</translation>
        </message>
        <message>
            <source>'{url}' is not a web address: the Vimmerse base URL starts with https://.</source>
            <translation>“{url}”不是网址：Vimmerse 的基础 URL 以 https:// 开头。</translation>
        </message>
        <message>
            <source>Vimmerse answered {what} without an asset id.</source>
            <translation>Vimmerse 对{what}的响应中没有资源 ID。</translation>
        </message>
        <message>
            <source>Upload these files before creating the job (they are local paths, not URLs): {files}</source>
            <translation>创建任务前请先上传以下文件（它们是本地路径，不是 URL）：{files}</translation>
        </message>
        <message>
            <source>Vimmerse answered {status} with something that is not JSON.</source>
            <translation>Vimmerse 的响应（{status}）不是 JSON。</translation>
        </message>
        <message>
            <source>'{text}' is not an aspect ratio: write it as W:H with two positive whole numbers, for example 9:16.</source>
            <translation>“{text}”不是宽高比：请写成 宽:高 形式，使用两个正整数，例如 9:16。</translation>
        </message>
        <message>
            <source>Vimmerse rejected the request as invalid. Check the inputs and options, then try again.</source>
            <translation>Vimmerse 认为该请求无效并拒绝了它。请检查输入和选项后重试。</translation>
        </message>
        <message>
            <source>Vimmerse could not find the media file it was given. Upload the file again and retry.</source>
            <translation>Vimmerse 找不到提供给它的媒体文件。请重新上传文件后重试。</translation>
        </message>
        <message>
            <source>Vimmerse has no such asset (it may belong to another key or account).</source>
            <translation>Vimmerse 没有这个资源（它可能属于其他密钥或账户）。</translation>
        </message>
        <message>
            <source>Vimmerse did not accept the aspect ratio. Write it as W:H with two positive whole numbers, for example 9:16.</source>
            <translation>Vimmerse 未接受该宽高比。请写成 宽:高 形式，使用两个正整数，例如 9:16。</translation>
        </message>
        <message>
            <source>Vimmerse makes 1 to 4 results per request: choose a quantity from 1 to 4.</source>
            <translation>Vimmerse 每次请求生成 1 到 4 个结果：请选择 1 到 4 的数量。</translation>
        </message>
        <message>
            <source>Vimmerse did not accept the duration: choose 1 to 30 seconds.</source>
            <translation>Vimmerse 未接受该时长：请选择 1 到 30 秒。</translation>
        </message>
        <message>
            <source>Vimmerse does not know the model option chosen. Choose another option.</source>
            <translation>Vimmerse 不认识所选的模型选项。请选择其他选项。</translation>
        </message>
        <message>
            <source>Vimmerse does not know this kind of job (its app name), so it cannot estimate it.</source>
            <translation>Vimmerse 不认识这种任务（其应用名称），因此无法估算。</translation>
        </message>
        <message>
            <source>Vimmerse does not know that enhance mode. Choose 2X, 4X or DeepClean (or a combination).</source>
            <translation>Vimmerse 不认识该增强模式。请选择 2X、4X 或 DeepClean（或其组合）。</translation>
        </message>
        <message>
            <source>Vimmerse does not know that way of attaching audio. Choose MatchVideo, PadAudio, MatchAudio, SpeedAdjust or Strict.</source>
            <translation>Vimmerse 不认识这种添加音频的方式。请选择 MatchVideo、PadAudio、MatchAudio、SpeedAdjust 或 Strict。</translation>
        </message>
        <message>
            <source>Vimmerse does not know that alignment. Choose center, left or right.</source>
            <translation>Vimmerse 不认识该对齐方式。请选择 center、left 或 right。</translation>
        </message>
        <message>
            <source>Vimmerse did not accept the file: it is not a kind of file this upload takes.</source>
            <translation>Vimmerse 未接受该文件：此次上传不接受这种文件类型。</translation>
        </message>
        <message>
            <source>Vimmerse did not accept a media URL: upload the file first, then use its hosted URL.</source>
            <translation>Vimmerse 未接受某个媒体 URL：请先上传文件，再使用其托管 URL。</translation>
        </message>
        <message>
            <source>A lip-sync needs an audio file or a text for the voice to say.</source>
            <translation>口型同步需要音频文件或供音色朗读的文字。</translation>
        </message>
        <message>
            <source>A lip-sync needs a portrait image or a video of a face.</source>
            <translation>口型同步需要肖像图片或面孔视频。</translation>
        </message>
        <message>
            <source>Replacing a background needs a background image, a background video or a prompt.</source>
            <translation>替换背景需要背景图片、背景视频或提示词。</translation>
        </message>
        <message>
            <source>The file is larger than Vimmerse accepts. Trim or compress it and try again.</source>
            <translation>文件超出 Vimmerse 可接受的大小。请裁剪或压缩后重试。</translation>
        </message>
        <message>
            <source>Vimmerse needs an API key.</source>
            <translation>Vimmerse 需要 API 密钥。</translation>
        </message>
        <message>
            <source>Vimmerse does not know this API key.</source>
            <translation>Vimmerse 不认识此 API 密钥。</translation>
        </message>
        <message>
            <source>a video URL</source>
            <translation>视频 URL</translation>
        </message>
        <message>
            <source>an image URL</source>
            <translation>图片 URL</translation>
        </message>
        <message>
            <source>an audio URL</source>
            <translation>音频 URL</translation>
        </message>
        <message>
            <source>at least one reference image URL</source>
            <translation>至少一个参考图片 URL</translation>
        </message>
        <message>
            <source>a second reference image URL</source>
            <translation>第二个参考图片 URL</translation>
        </message>
        <message>
            <source>a background image URL</source>
            <translation>背景图片 URL</translation>
        </message>
        <message>
            <source>a background video URL</source>
            <translation>背景视频 URL</translation>
        </message>
        <message>
            <source>an aspect ratio written W:H (for example 9:16)</source>
            <translation>以 宽:高 形式书写的宽高比（例如 9:16）</translation>
        </message>
        <message>
            <source>the name of the app to estimate</source>
            <translation>要估算的应用名称</translation>
        </message>
        <message>
            <source>a model option</source>
            <translation>模型选项</translation>
        </message>
        <message>
            <source>a prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>a quantity from 1 to 4</source>
            <translation>1 到 4 的数量</translation>
        </message>
        <message>
            <source>a duration in seconds</source>
            <translation>以秒为单位的时长</translation>
        </message>
        <message>
            <source>an enhance mode</source>
            <translation>增强模式</translation>
        </message>
        <message>
            <source>a way of attaching the audio</source>
            <translation>添加音频的方式</translation>
        </message>
        <message>
            <source>a video file</source>
            <translation>视频文件</translation>
        </message>
        <message>
            <source>an image file</source>
            <translation>图片文件</translation>
        </message>
        <message>
            <source>an audio file</source>
            <translation>音频文件</translation>
        </message>
        <message>
            <source>an avatar id</source>
            <translation>数字人 ID</translation>
        </message>
        <message>
            <source>a voice id</source>
            <translation>音色 ID</translation>
        </message>
        <message>
            <source>Vimmerse did not accept the request (no details given).</source>
            <translation>Vimmerse 未接受该请求（未提供详情）。</translation>
        </message>
        <message>
            <source>Vimmerse rejected the request ({word}).</source>
            <translation>Vimmerse 拒绝了该请求（{word}）。</translation>
        </message>
        <message>
            <source>Vimmerse did not accept the request: {message}.</source>
            <translation>Vimmerse 未接受该请求：{message}。</translation>
        </message>
        <message>
            <source>a field</source>
            <translation>某个字段</translation>
        </message>
        <message>
            <source>it was empty</source>
            <translation>内容为空</translation>
        </message>
        <message>
            <source>Vimmerse could not read the request body.</source>
            <translation>Vimmerse 无法读取请求正文。</translation>
        </message>
        <message>
            <source>Vimmerse rejected the request: {message}.</source>
            <translation>Vimmerse 拒绝了该请求：{message}。</translation>
        </message>
        <message>
            <source>Vimmerse could not read the request body ({why}).</source>
            <translation>Vimmerse 无法读取请求正文（{why}）。</translation>
        </message>
        <message>
            <source>Vimmerse needs {what} ({name} is missing).</source>
            <translation>Vimmerse 需要{what}（缺少 {name}）。</translation>
        </message>
        <message>
            <source>Vimmerse needs {what} ({name} is empty).</source>
            <translation>Vimmerse 需要{what}（{name} 为空）。</translation>
        </message>
        <message>
            <source>Vimmerse needs {what} (aspect_ratio: {message}).</source>
            <translation>Vimmerse 需要{what}（aspect_ratio：{message}）。</translation>
        </message>
        <message>
            <source>not accepted</source>
            <translation>未被接受</translation>
        </message>
        <message>
            <source>Vimmerse did not accept the value of {field} ({name}: {message}).</source>
            <translation>Vimmerse 未接受 {field} 的值（{name}：{message}）。</translation>
        </message>
        <message>
            <source>invalid</source>
            <translation>无效</translation>
        </message>
        <message>
            <source>Give the {provider} key a name, for example 'personal' or 'studio'.</source>
            <translation>请为 {provider} 密钥命名，例如“personal”或“studio”。</translation>
        </message>
        <message>
            <source>A {provider} profile named '{name}' exists already. Remove it first or choose another name.</source>
            <translation>名为“{name}”的 {provider} 配置已存在。请先将其移除，或换一个名称。</translation>
        </message>
        <message>
            <source>The environment profile comes from {variable}; unset the variable to remove it.</source>
            <translation>环境配置来自 {variable}；要移除它，请取消设置该变量。</translation>
        </message>
        <message>
            <source>The key contains spaces or line breaks. Paste the key alone, on one line.</source>
            <translation>密钥中含有空格或换行。请只粘贴密钥本身，并放在一行内。</translation>
        </message>
        <message>
            <source>The key is too short: it may have been cut when copying. Copy it again.</source>
            <translation>密钥太短：复制时可能被截断了。请重新复制。</translation>
        </message>
        <message>
            <source>Give the profile a name, for example 'personal' or 'studio'.</source>
            <translation>请为配置命名，例如“personal”或“studio”。</translation>
        </message>
        <message>
            <source>Profile names are one line of at most 64 characters.</source>
            <translation>配置名称须为一行，最多 64 个字符。</translation>
        </message>
        <message>
            <source>The key is empty. Paste the key shown once on {site}.</source>
            <translation>密钥为空。请粘贴 {site} 上仅显示一次的密钥。</translation>
        </message>
        <message>
            <source>The key is empty. Paste the key shown once on {site} (it starts with {prefix}).</source>
            <translation>密钥为空。请粘贴 {site} 上仅显示一次的密钥（以 {prefix} 开头）。</translation>
        </message>
        <message>
            <source>It looks like a {provider} key.</source>
            <translation>它看起来是 {provider} 的密钥。</translation>
        </message>
        <message>
            <source>That does not look like a {provider} key: keys start with {prefix}.</source>
            <translation>这看起来不是 {provider} 的密钥：密钥以 {prefix} 开头。</translation>
        </message>
        <message>
            <source>Cannot read keys: {problem}.</source>
            <translation>无法读取密钥：{problem}。</translation>
        </message>
        <message>
            <source>Cannot store the key: {problem}. You can use it for this session only.</source>
            <translation>无法保存密钥：{problem}。你可以仅在本次会话中使用它。</translation>
        </message>
        <message>
            <source>'{name}' is reserved for the {variable} variable; choose another name.</source>
            <translation>“{name}”保留给 {variable} 变量使用；请换一个名称。</translation>
        </message>
        <message>
            <source>The OS keyring refused to give the key for '{name}' (is it locked?): {error}.</source>
            <translation>系统密钥环拒绝提供“{name}”的密钥（是否已锁定？）：{error}。</translation>
        </message>
        <message>
            <source>The OS keyring refused to store the key (is it locked?): {error}. You can use it for this session only.</source>
            <translation>系统密钥环拒绝保存密钥（是否已锁定？）：{error}。你可以仅在本次会话中使用它。</translation>
        </message>
        <message>
            <source>The OS keyring refused to delete the key: {error}.</source>
            <translation>系统密钥环拒绝删除密钥：{error}。</translation>
        </message>
        <message>
            <source>There is no profile named '{name}'.</source>
            <translation>没有名为“{name}”的配置。</translation>
        </message>
        <message>
            <source>A profile named '{name}' exists already. Remove it first or choose another name.</source>
            <translation>名为“{name}”的配置已存在。请先将其移除，或换一个名称。</translation>
        </message>
        <message>
            <source>The API key was refused: {reason}</source>
            <translation>API 密钥被拒绝：{reason}</translation>
        </message>
        <message>
            <source>The sandbox is not running.</source>
            <translation>沙盒没有运行。</translation>
        </message>
        <message>
            <source>The key of profile '{name}' was refused: {reason}</source>
            <translation>配置“{name}”的密钥被拒绝：{reason}</translation>
        </message>
        <message>
            <source>The server refused this key. It was not saved. Check that you copied the whole key and that it is not revoked.</source>
            <translation>服务器拒绝了此密钥，密钥未保存。请检查是否复制了完整的密钥，以及它是否已被吊销。</translation>
        </message>
        <message>
            <source>The sandbox is not available in this session.</source>
            <translation>本次会话中沙盒不可用。</translation>
        </message>
        <message>
            <source>The key of profile '{name}' is missing from the OS keyring. Add it again.</source>
            <translation>系统钥匙串中缺少配置“{name}”的密钥。请重新添加。</translation>
        </message>
        <message>
            <source>Could not read the balance: {reason}</source>
            <translation>无法读取余额：{reason}</translation>
        </message>
        <message>
            <source>The server refused this key ({reason}). It was not saved. Check that you copied the whole key and that it is not revoked.</source>
            <translation>服务器拒绝了此密钥（{reason}），密钥未保存。请检查是否复制了完整的密钥，以及它是否已被吊销。</translation>
        </message>
        <message>
            <source>Kling's fast, sharp motion; the default.</source>
            <translation>Kling 的快速、清晰动态；默认模型。</translation>
        </message>
        <message>
            <source>Kling 2.6: better prompt following.</source>
            <translation>Kling 2.6：更贴合提示词。</translation>
        </message>
        <message>
            <source>Kling's newest and best; the dearest Kling.</source>
            <translation>Kling 最新最好的模型；也是最贵的 Kling。</translation>
        </message>
        <message>
            <source>Seedance 2 (preview)</source>
            <translation>Seedance 2（预览版）</translation>
        </message>
        <message>
            <source>ByteDance Seedance 2.</source>
            <translation>字节跳动 Seedance 2。</translation>
        </message>
        <message>
            <source>Seedance 2 fast (preview)</source>
            <translation>Seedance 2 快速版（预览版）</translation>
        </message>
        <message>
            <source>Seedance 2, faster and cheaper.</source>
            <translation>Seedance 2，更快更便宜。</translation>
        </message>
        <message>
            <source>Alibaba Wan 2.5.</source>
            <translation>阿里巴巴 Wan 2.5。</translation>
        </message>
        <message>
            <source>MiniMax Hailuo.</source>
            <translation>MiniMax 海螺。</translation>
        </message>
        <message>
            <source>Lightricks LTX: quick drafts.</source>
            <translation>Lightricks LTX：快速草稿。</translation>
        </message>
        <message>
            <source>Lip sync a video to audio.</source>
            <translation>让视频口型与音频同步。</translation>
        </message>
        <message>
            <source>Lip sync, higher quality.</source>
            <translation>口型同步，质量更高。</translation>
        </message>
        <message>
            <source>A talking person from a photo and audio.</source>
            <translation>用一张照片和音频生成说话的人物。</translation>
        </message>
        <message>
            <source>Fast and cheap drafts.</source>
            <translation>快速、便宜的草稿。</translation>
        </message>
        <message>
            <source>Detailed, photographic.</source>
            <translation>细节丰富，照片级效果。</translation>
        </message>
        <message>
            <source>Google's editing model: good with reference images and text in images.</source>
            <translation>Google 的编辑模型：擅长参考图和图中文字。</translation>
        </message>
        <message>
            <source>Design, illustration and vector-like styles.</source>
            <translation>设计、插画和矢量风格。</translation>
        </message>
        <message>
            <source>Fashion-grade portraits.</source>
            <translation>时尚级人像。</translation>
        </message>
        <message>
            <source>Background remover</source>
            <translation>背景去除</translation>
        </message>
        <message>
            <source>Cuts the subject out: a PNG with a transparent background.</source>
            <translation>抠出主体：生成透明背景的 PNG。</translation>
        </message>
        <message>
            <source>ElevenLabs' most expressive voice model.</source>
            <translation>ElevenLabs 表现力最强的语音模型。</translation>
        </message>
        <message>
            <source>Natural speech in 29 languages.</source>
            <translation>29 种语言的自然语音。</translation>
        </message>
        <message>
            <source>Fastest and cheapest ElevenLabs voice.</source>
            <translation>最快、最便宜的 ElevenLabs 语音。</translation>
        </message>
        <message>
            <source>Music from a description, 10 s to 5 min.</source>
            <translation>根据描述生成音乐，10 秒到 5 分钟。</translation>
        </message>
        <message>
            <source>OpenAI Whisper through fal.ai.</source>
            <translation>通过 fal.ai 使用 OpenAI Whisper。</translation>
        </message>
        <message>
            <source>Download failed: {reason}</source>
            <translation>下载失败：{reason}</translation>
        </message>
        <message>
            <source>The app stopped while sending this job: it may have been created. Check your jobs on verging.ai; Verging Desktop is looking for it too.</source>
            <translation>发送此任务时应用停止了：任务可能已经创建。请到 verging.ai 查看你的任务；Verging Desktop 也在查找它。</translation>
        </message>
        <message>
            <source>The job could not be sent ({reason}). Nothing was charged.</source>
            <translation>无法发送该任务（{reason}）。未扣费。</translation>
        </message>
        <message>
            <source>the video upload</source>
            <translation>视频上传</translation>
        </message>
        <message>
            <source>the image upload</source>
            <translation>图片上传</translation>
        </message>
        <message>
            <source>the audio upload</source>
            <translation>音频上传</translation>
        </message>
        <message>
            <source>Vimmerse accepted the video upload but sent no URL for it. Try the upload again.</source>
            <translation>Vimmerse 接受了视频上传，但没有返回其 URL。请重新上传。</translation>
        </message>
        <message>
            <source>Vimmerse accepted the image upload but sent no URL for it. Try the upload again.</source>
            <translation>Vimmerse 接受了图片上传，但没有返回其 URL。请重新上传。</translation>
        </message>
        <message>
            <source>Vimmerse accepted the audio upload but sent no URL for it. Try the upload again.</source>
            <translation>Vimmerse 接受了音频上传，但没有返回其 URL。请重新上传。</translation>
        </message>
        <message>
            <source>{reason} Nothing was charged.</source>
            <translation>{reason} 未扣费。</translation>
        </message>
        <message>
            <source>{reason} varg did not create it; nothing was charged.</source>
            <translation>{reason} varg 未创建该任务；未扣费。</translation>
        </message>
        <message>
            <source>Cancelled; varg did not create it: {reason} Nothing was charged.</source>
            <translation>已取消；varg 未创建该任务：{reason} 未扣费。</translation>
        </message>
        <message>
            <source>The transcript could not be read: {reason}</source>
            <translation>无法读取转写结果：{reason}</translation>
        </message>
        <message>
            <source>The connection was lost while sending this job, before varg gave it a job id: it may have been created on varg; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.</source>
            <translation>发送此任务时连接中断，varg 尚未返回任务 ID：任务可能已在 varg 上创建；应用不会再次发送它。再次发送前，请先到 varg.ai 查看你的用量（或运行 `verging varg usage`）。</translation>
        </message>
        <message>
            <source>The app stopped while sending this job, before varg gave it a job id: it may have been created on varg; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.</source>
            <translation>发送此任务时应用停止了，varg 尚未返回任务 ID：任务可能已在 varg 上创建；应用不会再次发送它。再次发送前，请先到 varg.ai 查看你的用量（或运行 `verging varg usage`）。</translation>
        </message>
        <message>
            <source>Sending was interrupted before varg gave this job a job id: it may have been created on varg; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.</source>
            <translation>发送在 varg 返回任务 ID 之前被中断：任务可能已在 varg 上创建；应用不会再次发送它。再次发送前，请先到 varg.ai 查看你的用量（或运行 `verging varg usage`）。</translation>
        </message>
        <message>
            <source>varg answered without a job id, so the app cannot follow this job; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.</source>
            <translation>varg 的回复中没有任务 ID，应用无法跟踪此任务；应用不会再次发送它。再次发送前，请先到 varg.ai 查看你的用量（或运行 `verging varg usage`）。</translation>
        </message>
        <message>
            <source>{reason} The job may have been created on varg all the same; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.</source>
            <translation>{reason} 任务仍可能已在 varg 上创建；应用不会再次发送它。再次发送前，请先到 varg.ai 查看你的用量（或运行 `verging varg usage`）。</translation>
        </message>
        <message>
            <source>Sending failed in an unexpected way ({kind}): this job may have been created on varg; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.</source>
            <translation>发送以意外方式失败（{kind}）：任务可能已在 varg 上创建；应用不会再次发送它。再次发送前，请先到 varg.ai 查看你的用量（或运行 `verging varg usage`）。</translation>
        </message>
        <message>
            <source>No longer watched. It may still finish on Vimmerse; see your assets at vimmerse.net.</source>
            <translation>已停止跟踪。它仍可能在 Vimmerse 上完成；请到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>Stopped; Vimmerse did not create it: {reason} Nothing was charged.</source>
            <translation>已停止；Vimmerse 未创建该任务：{reason} 未扣费。</translation>
        </message>
        <message>
            <source>No longer watched. Vimmerse created it (asset {asset}) and may finish it; see your assets at vimmerse.net.</source>
            <translation>已停止跟踪。Vimmerse 已创建它（素材 {asset}），并可能完成它；请到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>The connection was lost while sending this job: it may have been created on Vimmerse; the app will not send it again. Check your assets at vimmerse.net before sending it again.</source>
            <translation>发送此任务时连接中断：任务可能已在 Vimmerse 上创建；应用不会再次发送它。再次发送前，请先到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>The app stopped while sending this job: it may have been created on Vimmerse; the app will not send it again. Check your assets at vimmerse.net before sending it again.</source>
            <translation>发送此任务时应用停止了：任务可能已在 Vimmerse 上创建；应用不会再次发送它。再次发送前，请先到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>Sending was interrupted: this job may have been created on Vimmerse; the app will not send it again. Check your assets at vimmerse.net before sending it again.</source>
            <translation>发送被中断：任务可能已在 Vimmerse 上创建；应用不会再次发送它。再次发送前，请先到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>Vimmerse answered without an asset id, so the app cannot follow this job; the app will not send it again. Check your assets at vimmerse.net before sending it again.</source>
            <translation>Vimmerse 的回复中没有素材 ID，应用无法跟踪此任务；应用不会再次发送它。再次发送前，请先到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>{reason} The job may have been created on Vimmerse all the same; the app will not send it again. Check your assets at vimmerse.net before sending it again.</source>
            <translation>{reason} 任务仍可能已在 Vimmerse 上创建；应用不会再次发送它。再次发送前，请先到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>Sending failed in an unexpected way ({kind}): this job may have been created on Vimmerse; the app will not send it again. Check your assets at vimmerse.net before sending it again.</source>
            <translation>发送以意外方式失败（{kind}）：任务可能已在 Vimmerse 上创建；应用不会再次发送它。再次发送前，请先到 vimmerse.net 查看你的素材。</translation>
        </message>
        <message>
            <source>re-encoded the whole range to a smaller file (crf {crf}, preset {preset})</source>
            <translation>已将整个范围重新编码为更小的文件（crf {crf}，预设 {preset}）</translation>
        </message>
        <message>
            <source>Thumbnail height must be at least 2 pixels.</source>
            <translation>缩略图高度至少为 2 像素。</translation>
        </message>
        <message>
            <source>{name} is empty (0 bytes).</source>
            <translation>{name} 是空文件（0 字节）。</translation>
        </message>
        <message>
            <source>{name} has no video stream, so it has no filmstrip.</source>
            <translation>{name} 没有视频流，因此没有胶片条。</translation>
        </message>
        <message>
            <source>{name} has no duration; it may be truncated.</source>
            <translation>{name} 没有时长信息；文件可能不完整。</translation>
        </message>
        <message>
            <source>{name} is truncated or corrupt: no frame near {seconds} s decodes.</source>
            <translation>{name} 不完整或已损坏：{seconds} 秒附近没有可解码的帧。</translation>
        </message>
        <message>
            <source>{name} cannot be decoded ({reason}).</source>
            <translation>无法解码 {name}（{reason}）。</translation>
        </message>
        <message>
            <source>A conversation needs a name.</source>
            <translation>对话需要一个名称。</translation>
        </message>
        <message>
            <source>That conversation no longer exists.</source>
            <translation>该对话已不存在。</translation>
        </message>
        <message>
            <source>The conversation file {name} cannot be read: {reason}</source>
            <translation>无法读取对话文件 {name}：{reason}</translation>
        </message>
        <message>
            <source>The result file {path} is missing; download it again from the job queue.</source>
            <translation>结果文件 {path} 不存在；请从任务队列重新下载。</translation>
        </message>
        <message>
            <source>'{w}:{h}' is not an aspect ratio: both numbers must be positive, for example 9:16.</source>
            <translation>“{w}:{h}”不是宽高比：两个数都必须是正数，例如 9:16。</translation>
        </message>
        <message>
            <source>The video is {w}×{h} pixels: too small to reframe (at least {min}×{min}).</source>
            <translation>视频为 {w}×{h} 像素：太小，无法重构画面（至少需要 {min}×{min}）。</translation>
        </message>
        <message>
            <source>A {rw}:{rh} crop of this {src_w}×{src_h} video would be {w}×{h} pixels; choose a ratio closer to the video's own.</source>
            <translation>将这段 {src_w}×{src_h} 的视频裁剪为 {rw}:{rh} 后只剩 {w}×{h} 像素；请选择更接近视频本身的比例。</translation>
        </message>
        <message>
            <source>A {rw}:{rh} frame around this {src_w}×{src_h} video would be {fw}×{fh} pixels, more than {max} times the picture; choose a ratio closer to the video's own.</source>
            <translation>为这段 {src_w}×{src_h} 的视频扩展出的 {rw}:{rh} 画面将为 {fw}×{fh} 像素，超过原画面的 {max} 倍；请选择更接近视频本身的比例。</translation>
        </message>
        <message numerus="yes">
            <source>Estimated cost: %n credit(s).</source>
            <translation>
                <numerusform>预估费用：%n 积分。</numerusform>
            </translation>
        </message>
        <message>
            <source>16 kHz mono MP3 at {kbps} kbps</source>
            <translation>16 kHz 单声道 MP3，{kbps} kbps</translation>
        </message>
        <message>
            <source>{clock} of audio</source>
            <translation>音频时长 {clock}</translation>
        </message>
        <message>
            <source>{name} lasts {clock}; even compact audio would be over the {limit} limit, so it is split into {parts} parts of about {part} each, {fmt} (about {per} each, {send} in all). {cost}</source>
            <translation>{name} 时长 {clock}；即使压缩音频也会超过 {limit} 的上限，因此会分成 {parts} 段，每段约 {part}，格式为{fmt}（每段约 {per}，共 {send}）。{cost}</translation>
        </message>
        <message numerus="yes">
            <source>Estimated cost: %n credit(s) ({each}, each part is billed on its own).</source>
            <translation>
                <numerusform>预估费用：%n 积分（{each}，每段单独计费）。</numerusform>
            </translation>
        </message>
        <message>
            <source>{name} is sent as it is: {size}, {length}. {cost}</source>
            <translation>{name} 将按原样发送：{size}，{length}。{cost}</translation>
        </message>
        <message>
            <source>{name} is a video: its sound track is extracted as {fmt} and sent (about {send} instead of {size}), {length}. {cost}</source>
            <translation>{name} 是视频：将提取其音轨为{fmt}后发送（约 {send}，而非 {size}），{length}。{cost}</translation>
        </message>
        <message>
            <source>{name}: {what} audio is not accepted by speech to text, so it is converted to {fmt} (about {send}), {length}. {cost}</source>
            <translation>{name}：语音转文字不接受 {what} 音频，因此将转换为{fmt}（约 {send}），{length}。{cost}</translation>
        </message>
        <message>
            <source>{name} is {size}, over the {limit} limit: it is re-encoded as {fmt} (about {send}), {length}. {cost}</source>
            <translation>{name} 大小为 {size}，超过 {limit} 的上限：将重新编码为{fmt}（约 {send}），{length}。{cost}</translation>
        </message>
        <message>
            <source>The size limit ({limit}) is too small to send audio in parts.</source>
            <translation>大小上限（{limit}）太小，无法分段发送音频。</translation>
        </message>
        <message>
            <source>{name} is an image, not audio. Choose a recording or a video.</source>
            <translation>{name} 是图片，不是音频。请选择录音或视频。</translation>
        </message>
        <message>
            <source>{name} has no sound track to transcribe.</source>
            <translation>{name} 没有可转写的音轨。</translation>
        </message>
        <message>
            <source>{name} cannot be read as audio or video. {reason}</source>
            <translation>无法将 {name} 读取为音频或视频。{reason}</translation>
        </message>
        <message>
            <source>{name} could not be converted (is the file damaged?).</source>
            <translation>无法转换 {name}（文件是否已损坏？）。</translation>
        </message>
        <message>
            <source>A part of {name} is still {size} after compression; the limit is {limit}.</source>
            <translation>{name} 的某一段压缩后仍有 {size}；上限为 {limit}。</translation>
        </message>
        <message>
            <source>{name} could not be converted (is the file damaged?): {reason}</source>
            <translation>无法转换 {name}（文件是否已损坏？）：{reason}</translation>
        </message>
        <message>
            <source>The chunk size must be at least one character.</source>
            <translation>分段长度至少为一个字符。</translation>
        </message>
        <message>
            <source>The text is empty. Write what should be spoken.</source>
            <translation>文本为空。请写下要朗读的内容。</translation>
        </message>
        <message>
            <source>Format must be one of {formats} (got '{fmt}').</source>
            <translation>格式必须是 {formats} 之一（收到的是“{fmt}”）。</translation>
        </message>
        <message>
            <source>The server sent no audio URL.</source>
            <translation>服务器没有返回音频 URL。</translation>
        </message>
        <message>
            <source>{label} publishes no dollar price for its credits</source>
            <translation>{label} 未公布其积分的美元价格</translation>
        </message>
        <message>
            <source>Image to Video</source>
            <translation>图片生成视频</translation>
        </message>
        <message>
            <source>done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>stopped by you</source>
            <translation>已由你停止</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>timed out</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <source>processing</source>
            <translation>处理中</translation>
        </message>
        <message>
            <source>January</source>
            <translation>1月</translation>
        </message>
        <message>
            <source>February</source>
            <translation>2月</translation>
        </message>
        <message>
            <source>March</source>
            <translation>3月</translation>
        </message>
        <message>
            <source>April</source>
            <translation>4月</translation>
        </message>
        <message>
            <source>June</source>
            <translation>6月</translation>
        </message>
        <message>
            <source>July</source>
            <translation>7月</translation>
        </message>
        <message>
            <source>August</source>
            <translation>8月</translation>
        </message>
        <message>
            <source>September</source>
            <translation>9月</translation>
        </message>
        <message>
            <source>October</source>
            <translation>10月</translation>
        </message>
        <message>
            <source>November</source>
            <translation>11月</translation>
        </message>
        <message>
            <source>December</source>
            <translation>12月</translation>
        </message>
        <message>
            <source>no dollar price</source>
            <translation>无美元价格</translation>
        </message>
        <message>
            <source>{n} {provider} credits</source>
            <translation>{n} {provider} 积分</translation>
        </message>
        <message>
            <source>{n} credits</source>
            <translation>{n} 积分</translation>
        </message>
        <message>
            <source>$10 buys {credits} credits (${rate} a credit)</source>
            <translation>$10 可购买 {credits} 积分（每积分 ${rate}）</translation>
        </message>
        <message>
            <source>{provider}: {credits} charged this month</source>
            <translation>{provider}：本月扣除 {credits}</translation>
        </message>
        <message>
            <source>{month} {day}</source>
            <translation>{month}{day}日</translation>
        </message>
        <message>
            <source>Total: {amount} in {records}</source>
            <translation>合计：{amount}，共 {records}</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n 条记录</numerusform>
            </translation>
        </message>
        <message>
            <source>{provider} does not publish your balance, so the app cannot show it.</source>
            <translation>{provider} 不公布你的余额，因此本应用无法显示。</translation>
        </message>
        <message>
            <source>{credits} charged since {since} for {jobs} sent from this app (from what {provider} reported on each).</source>
            <translation>自 {since}以来，本应用发送的 {jobs}共扣除 {credits}（依据 {provider} 对每个任务的报告）。</translation>
        </message>
        <message numerus="yes">
            <source>%n job(s)</source>
            <translation>
                <numerusform>%n 个任务</numerusform>
            </translation>
        </message>
        <message>
            <source>Not in the bars: {amount} ({why}).</source>
            <translation>未计入柱状图：{amount}（{why}）。</translation>
        </message>
        <message>
            <source>{jobs} not charged yet, estimated at {credits}.</source>
            <translation>{jobs}尚未扣费，估计为 {credits}。</translation>
        </message>
        <message>
            <source>Your balance is on {host}.</source>
            <translation>你的余额可在 {host} 上查看。</translation>
        </message>
        <message>
            <source>({hits}, free)</source>
            <translation>（{hits}，免费）</translation>
        </message>
        <message numerus="yes">
            <source>%n cache hit(s)</source>
            <translation>
                <numerusform>%n 次命中缓存</numerusform>
            </translation>
        </message>
        <message>
            <source>Not in the dollar total: {amounts}</source>
            <translation>未计入美元总额：{amounts}</translation>
        </message>
        <message>
            <source>({ai} on AI calls, {jobs} on jobs)</source>
            <translation>（AI 调用 {ai}，任务 {jobs}）</translation>
        </message>
        <message>
            <source>{hits}, free</source>
            <translation>{hits}，免费</translation>
        </message>
        <message>
            <source>varg's price list</source>
            <translation>varg 价目表</translation>
        </message>
        <message>
            <source>local price table</source>
            <translation>本地价格表</translation>
        </message>
        <message>
            <source>minute of audio</source>
            <translation>分钟音频</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Charge not known yet</source>
            <translation>扣费尚未知晓</translation>
        </message>
        <message>
            <source>Charged {amount}, estimate {estimate}</source>
            <translation>已扣费 {amount}，预估 {estimate}</translation>
        </message>
        <message>
            <source>{amount} ({source})</source>
            <translation>{amount}（{source}）</translation>
        </message>
        <message>
            <source>probably from cache: free (you made the same request before)</source>
            <translation>可能来自缓存：免费（你之前发送过相同的请求）</translation>
        </message>
        <message>
            <source>Charge not known yet, estimate {estimate}</source>
            <translation>扣费尚未知晓，预估 {estimate}</translation>
        </message>
        <message>
            <source>Charged {amount}</source>
            <translation>已扣费 {amount}</translation>
        </message>
        <message>
            <source>no price known for {model}; varg shows the charge after the job</source>
            <translation>{model} 的价格未知；任务完成后 varg 会显示扣费</translation>
        </message>
        <message>
            <source>{amount} per {unit} ({source})</source>
            <translation>每{unit} {amount}（{source}）</translation>
        </message>
        <message>
            <source>probably from cache: free (you made the same request before); otherwise {amount}</source>
            <translation>可能来自缓存：免费（你之前发送过相同的请求）；否则为 {amount}</translation>
        </message>
        <message>
            <source>your own {provider} key: billed by the provider</source>
            <translation>你自己的 {provider} 密钥：由服务商计费</translation>
        </message>
        <message>
            <source>this model</source>
            <translation>此模型</translation>
        </message>
        <message>
            <source>video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>background-removal</source>
            <translation>背景去除</translation>
        </message>
        <message>
            <source>speech</source>
            <translation>语音</translation>
        </message>
        <message>
            <source>music</source>
            <translation>音乐</translation>
        </message>
        <message>
            <source>transcription</source>
            <translation>转写</translation>
        </message>
        <message>
            <source>audio file</source>
            <translation>音频文件</translation>
        </message>
        <message>
            <source>any length</source>
            <translation>任意时长</translation>
        </message>
        <message>
            <source>reference image</source>
            <translation>参考图</translation>
        </message>
        <message>
            <source>cut-out</source>
            <translation>抠图</translation>
        </message>
        <message>
            <source>transcript</source>
            <translation>转写文本</translation>
        </message>
        <message>
            <source>{size}; varg takes files of at most {limit}</source>
            <translation>{size}；varg 接受的文件最大为 {limit}</translation>
        </message>
        <message>
            <source>Choose the audio file to transcribe.</source>
            <translation>请选择要转写的音频文件。</translation>
        </message>
        <message>
            <source>just over {limit}; varg takes files of at most {limit}</source>
            <translation>略超过 {limit}；varg 接受的文件最大为 {limit}</translation>
        </message>
        <message>
            <source>{some} or {last}</source>
            <translation>{some} 或 {last}</translation>
        </message>
        <message>
            <source>{list} seconds</source>
            <translation>{list} 秒</translation>
        </message>
        <message>
            <source>{low} to {high} seconds</source>
            <translation>{low} 到 {high} 秒</translation>
        </message>
        <message>
            <source>The text to speak is empty: write what the voice should say.</source>
            <translation>要朗读的文本为空：请写下语音要说的内容。</translation>
        </message>
        <message>
            <source>Choose the image whose background to remove.</source>
            <translation>请选择要去除背景的图片。</translation>
        </message>
        <message>
            <source>One of the reference images has no path: choose the file again.</source>
            <translation>有一张参考图没有路径：请重新选择文件。</translation>
        </message>
        <message>
            <source>One of the images has no path: choose the file again.</source>
            <translation>有一张图片没有路径：请重新选择文件。</translation>
        </message>
        <message>
            <source>No copy of {name} small enough for varg could be made: resize it in an image editor.</source>
            <translation>无法为 {name} 制作足够小、可供 varg 使用的副本：请在图片编辑器中调整尺寸。</translation>
        </message>
        <message>
            <source>The {what} {path} is empty (0 bytes): choose another file.</source>
            <translation>{what} {path} 是空的（0 字节）：请选择其他文件。</translation>
        </message>
        <message>
            <source>{name} is not an image (its content is not PNG, JPEG, WebP or GIF): choose a picture.</source>
            <translation>{name} 不是图片（内容不是 PNG、JPEG、WebP 或 GIF）：请选择一张图片。</translation>
        </message>
        <message>
            <source>{name} is {size}: make a smaller copy first.</source>
            <translation>{name} 为 {size}：请先制作较小的副本。</translation>
        </message>
        <message>
            <source>{name} is an image, not audio: choose a recording (MP3, WAV, M4A, OGG, FLAC or WebM).</source>
            <translation>{name} 是图片，不是音频：请选择录音（MP3、WAV、M4A、OGG、FLAC 或 WebM）。</translation>
        </message>
        <message>
            <source>{name} is not an audio file: choose a recording (MP3, WAV, M4A, OGG, FLAC or WebM).</source>
            <translation>{name} 不是音频文件：请选择录音（MP3、WAV、M4A、OGG、FLAC 或 WebM）。</translation>
        </message>
        <message>
            <source>{name} is {size}: compress it (for example to MP3) or shorten it first.</source>
            <translation>{name} 为 {size}：请先压缩（例如转为 MP3）或剪短。</translation>
        </message>
        <message>
            <source>{name} holds no sound: choose a recording.</source>
            <translation>{name} 没有声音：请选择录音。</translation>
        </message>
        <message>
            <source>{model} takes {durations} (got {got}).</source>
            <translation>{model} 接受 {durations}（收到 {got}）。</translation>
        </message>
        <message>
            <source>The aspect ratio '{text}' is not W:H: write it like 16:9, 9:16 or 1:1.</source>
            <translation>宽高比“{text}”不是 宽:高 格式：请写成 16:9、9:16 或 1:1 这样的形式。</translation>
        </message>
        <message>
            <source>Choose a varg {kind} model: one of {known}.</source>
            <translation>请选择一个 varg {kind}模型：{known} 之一。</translation>
        </message>
        <message>
            <source>varg has no {kind} model called '{model}': use one of {known}.</source>
            <translation>varg 没有名为“{model}”的{kind}模型：请使用 {known} 之一。</translation>
        </message>
        <message>
            <source>{model} is a lip-sync model, which the app does not offer yet: use one of {known}.</source>
            <translation>{model} 是口型同步模型，应用暂不提供：请使用 {known} 之一。</translation>
        </message>
        <message>
            <source>'{kind}' is not a varg job: use one of {known}.</source>
            <translation>“{kind}”不是 varg 任务：请使用 {known} 之一。</translation>
        </message>
        <message numerus="yes">
            <source>{model} takes at most %n input image(s) (got {got}): remove {extra}.</source>
            <translation>
                <numerusform>{model} 最多接受 %n 张输入图片（收到 {got} 张）：请移除 {extra} 张。</numerusform>
            </translation>
        </message>
        <message>
            <source>{model} makes a {made} from an image: choose one.</source>
            <translation>{model} 根据图片生成{made}：请选择一张图片。</translation>
        </message>
        <message>
            <source>The image {path} does not exist: check the path.</source>
            <translation>图片 {path} 不存在：请检查路径。</translation>
        </message>
        <message>
            <source>The {what} {path} does not exist: check the path.</source>
            <translation>{what} {path} 不存在：请检查路径。</translation>
        </message>
        <message>
            <source>{path} is a folder: choose the {what} file itself.</source>
            <translation>{path} 是文件夹：请选择{what}文件本身。</translation>
        </message>
        <message>
            <source>The {what} {path} cannot be read (permission denied): check its permissions.</source>
            <translation>无法读取{what} {path}（权限被拒绝）：请检查其权限。</translation>
        </message>
        <message>
            <source>The {what} {path} cannot be read ({why}).</source>
            <translation>无法读取{what} {path}（{why}）。</translation>
        </message>
        <message>
            <source>{name} is a video, not an image: choose a picture (PNG, JPEG, WebP or GIF).</source>
            <translation>{name} 是视频，不是图片：请选择一张图片（PNG、JPEG、WebP 或 GIF）。</translation>
        </message>
        <message>
            <source>{name} is an audio file, not an image: choose a picture (PNG, JPEG, WebP or GIF).</source>
            <translation>{name} 是音频文件，不是图片：请选择一张图片（PNG、JPEG、WebP 或 GIF）。</translation>
        </message>
        <message>
            <source>{name} is a {format} image; varg takes PNG, JPEG, WebP or GIF: convert it first.</source>
            <translation>{name} 是 {format} 图片；varg 接受 PNG、JPEG、WebP 或 GIF：请先转换。</translation>
        </message>
        <message>
            <source>{name} is not an audio file (it looks like {format}): choose a recording (MP3, WAV, M4A, OGG, FLAC or WebM).</source>
            <translation>{name} 不是音频文件（看起来是 {format}）：请选择录音（MP3、WAV、M4A、OGG、FLAC 或 WebM）。</translation>
        </message>
        <message>
            <source>The duration must be a number of seconds above 0 (got {got}).</source>
            <translation>时长必须是大于 0 的秒数（收到 {got}）。</translation>
        </message>
        <message>
            <source>The prompt is empty: describe the {made} to make.</source>
            <translation>提示词为空：请描述要生成的{made}。</translation>
        </message>
        <message>
            <source>{model} takes no audio file: remove it.</source>
            <translation>{model} 不接受音频文件：请移除它。</translation>
        </message>
        <message>
            <source>{model} takes no input image: remove it or choose another model.</source>
            <translation>{model} 不接受输入图片：请移除它或选择其他模型。</translation>
        </message>
        <message>
            <source>{model} takes no input image: remove them or choose another model.</source>
            <translation>{model} 不接受输入图片：请移除它们或选择其他模型。</translation>
        </message>
        <message>
            <source>{name} cannot be read as an image, so no smaller copy could be made.</source>
            <translation>{name} 无法作为图片读取，因此无法制作较小的副本。</translation>
        </message>
        <message>
            <source>Making a smaller copy of {name} took over {seconds} s: resize it in an image editor.</source>
            <translation>为 {name} 制作较小副本用时超过 {seconds} 秒：请在图片编辑器中调整尺寸。</translation>
        </message>
        <message>
            <source>Automatic</source>
            <translation>自动</translation>
        </message>
        <message>
            <source>HeyGen agent</source>
            <translation>HeyGen 智能体</translation>
        </message>
        <message>
            <source>Pika scenes</source>
            <translation>Pika 场景</translation>
        </message>
        <message>
            <source>MiniMax reference</source>
            <translation>MiniMax 参考</translation>
        </message>
        <message>
            <source>Veo reference</source>
            <translation>Veo 参考</translation>
        </message>
        <message>
            <source>Vidu reference</source>
            <translation>Vidu 参考</translation>
        </message>
        <message>
            <source>Sync Labs lip sync</source>
            <translation>Sync Labs 口型同步</translation>
        </message>
        <message>
            <source>Newport lip sync</source>
            <translation>Newport 口型同步</translation>
        </message>
        <message>
            <source>Bullet time</source>
            <translation>子弹时间</translation>
        </message>
        <message>
            <source>Dolly zoom</source>
            <translation>滑动变焦</translation>
        </message>
        <message>
            <source>Crash zoom</source>
            <translation>急推镜头</translation>
        </message>
        <message>
            <source>360 orbit</source>
            <translation>360 度环绕</translation>
        </message>
        <message>
            <source>Explosion</source>
            <translation>爆炸</translation>
        </message>
        <message>
            <source>Melt</source>
            <translation>融化</translation>
        </message>
        <message>
            <source>Squish</source>
            <translation>挤压</translation>
        </message>
        <message>
            <source>Inflate</source>
            <translation>膨胀</translation>
        </message>
        <message>
            <source>Hug</source>
            <translation>拥抱</translation>
        </message>
        <message>
            <source>Kiss</source>
            <translation>亲吻</translation>
        </message>
        <message>
            <source>Hold hands</source>
            <translation>牵手</translation>
        </message>
        <message>
            <source>Dance together</source>
            <translation>共舞</translation>
        </message>
        <message>
            <source>Higgsfield effects</source>
            <translation>Higgsfield 特效</translation>
        </message>
        <message>
            <source>Pika effects</source>
            <translation>Pika 特效</translation>
        </message>
        <message>
            <source>Kling effects</source>
            <translation>Kling 特效</translation>
        </message>
        <message>
            <source>Wan effects</source>
            <translation>Wan 特效</translation>
        </message>
        <message>
            <source>Vidu effects</source>
            <translation>Vidu 特效</translation>
        </message>
        <message>
            <source>Pixverse effects</source>
            <translation>Pixverse 特效</translation>
        </message>
        <message>
            <source>Kling: strong motion and faces from your references (the default).</source>
            <translation>Kling：依据参考图片生成有力的动作和面孔（默认）。</translation>
        </message>
        <message>
            <source>Picks a model for you from the references and prompt.</source>
            <translation>根据参考图片和提示词为你挑选模型。</translation>
        </message>
        <message>
            <source>HappyHorse: stylised, animated looks.</source>
            <translation>HappyHorse：风格化的动画效果。</translation>
        </message>
        <message>
            <source>Grok Imagine: quick drafts from a prompt and images.</source>
            <translation>Grok Imagine：根据提示词和图片快速出草稿。</translation>
        </message>
        <message>
            <source>Seedance Fast: quick, cheaper clips.</source>
            <translation>Seedance Fast：快速、更便宜的片段。</translation>
        </message>
        <message>
            <source>Google Veo with reference images: realistic, with sound.</source>
            <translation>Google Veo 参考图片生成：写实，带声音。</translation>
        </message>
        <message>
            <source>Vidu: keeps characters consistent across references.</source>
            <translation>Vidu：在多张参考图片之间保持角色一致。</translation>
        </message>
        <message>
            <source>HeyGen agent: presenter-style clips.</source>
            <translation>HeyGen 智能体：主持人风格的片段。</translation>
        </message>
        <message>
            <source>Pika Scenes: puts your references into one scene.</source>
            <translation>Pika Scenes：把你的参考图片放进同一个场景。</translation>
        </message>
        <message>
            <source>MiniMax Hailuo: subject reference, smooth motion.</source>
            <translation>MiniMax 海螺：主体参考，动作流畅。</translation>
        </message>
        <message>
            <source>Kling: restyle or edit the video from a prompt (the default).</source>
            <translation>Kling：根据提示词为视频换风格或编辑（默认）。</translation>
        </message>
        <message>
            <source>Grok Imagine: quick edits from a prompt.</source>
            <translation>Grok Imagine：根据提示词快速编辑。</translation>
        </message>
        <message>
            <source>Seedance Fast: quick, cheaper edits.</source>
            <translation>Seedance Fast：快速、更便宜的编辑。</translation>
        </message>
        <message>
            <source>Luma Modify: keeps the motion, changes the look.</source>
            <translation>Luma Modify：保留动作，改变外观。</translation>
        </message>
        <message>
            <source>Higgsfield: cinematic camera moves and effects (the default).</source>
            <translation>Higgsfield：电影感的运镜和特效（默认）。</translation>
        </message>
        <message>
            <source>Pika: playful transformations (squish, melt, inflate).</source>
            <translation>Pika：趣味变形（挤压、融化、膨胀）。</translation>
        </message>
        <message>
            <source>Kling: two-person effects such as hug and kiss.</source>
            <translation>Kling：拥抱、亲吻等双人特效。</translation>
        </message>
        <message>
            <source>Wan: stylised motion effects.</source>
            <translation>Wan：风格化的动态特效。</translation>
        </message>
        <message>
            <source>Vidu: character effects and transitions.</source>
            <translation>Vidu：角色特效和转场。</translation>
        </message>
        <message>
            <source>PixVerse: trending social effects.</source>
            <translation>PixVerse：热门社交特效。</translation>
        </message>
        <message>
            <source>Picks a model for you from the inputs (the default).</source>
            <translation>根据输入为你挑选模型（默认）。</translation>
        </message>
        <message>
            <source>Sync Labs: re-times the mouth of an existing video to new speech.</source>
            <translation>Sync Labs：让现有视频的口型重新对齐新语音。</translation>
        </message>
        <message>
            <source>Tavus Hummingbird: fast lip-sync of a talking-head video.</source>
            <translation>Tavus Hummingbird：快速为口播视频做口型同步。</translation>
        </message>
        <message>
            <source>Newport: lip-sync for a still portrait, head stays steady.</source>
            <translation>Newport：为静态肖像做口型同步，头部保持稳定。</translation>
        </message>
        <message>
            <source>Kling Avatar: animates a portrait photo into a speaking person.</source>
            <translation>Kling Avatar：让肖像照片变成会说话的人。</translation>
        </message>
        <message>
            <source>Pruna P-Video: a portrait animated with expressive motion.</source>
            <translation>Pruna P-Video：让肖像带着丰富表情动起来。</translation>
        </message>
        <message>
            <source>Newport Dream Avatar: a full talking avatar from one photo.</source>
            <translation>Newport Dream Avatar：用一张照片生成完整的说话数字人。</translation>
        </message>
        <message>
            <source>The horizontal offset {v} px is too far: keep it within ±{max} px.</source>
            <translation>水平偏移 {v} 像素过大：请保持在 ±{max} 像素以内。</translation>
        </message>
        <message>
            <source>The vertical offset {v} px is too far: keep it within ±{max} px.</source>
            <translation>垂直偏移 {v} 像素过大：请保持在 ±{max} 像素以内。</translation>
        </message>
        <message>
            <source>'{text}' is not a key colour: pick one from the frame, or use Automatic.</source>
            <translation>“{text}”不是抠像颜色：请从画面中选取一种，或使用“自动”。</translation>
        </message>
        <message>
            <source>'{alignment}' is not an alignment; use one of {alignments}.</source>
            <translation>“{alignment}”不是对齐方式；请使用以下之一：{alignments}。</translation>
        </message>
        <message>
            <source>The start and end must be numbers of seconds.</source>
            <translation>起点和终点必须是秒数。</translation>
        </message>
        <message>
            <source>The start must be 0 or more seconds.</source>
            <translation>起点必须为 0 秒或以上。</translation>
        </message>
        <message>
            <source>{seconds} s</source>
            <comment>seconds</comment>
            <translation>{seconds} 秒</translation>
        </message>
        <message>
            <source>{name} is not an audio file. Choose a recording (MP3, WAV, M4A, OGG or FLAC).</source>
            <translation>{name} 不是音频文件。请选择录音文件（MP3、WAV、M4A、OGG 或 FLAC）。</translation>
        </message>
        <message>
            <source>{name} is not an audio file (it looks like {kind}). Choose a recording (MP3, WAV, M4A, OGG or FLAC).</source>
            <translation>{name} 不是音频文件（看起来是 {kind}）。请选择录音文件（MP3、WAV、M4A、OGG 或 FLAC）。</translation>
        </message>
        <message>
            <source>Time freezes while the camera sweeps around the subject.</source>
            <translation>时间凝固，镜头环绕主体扫过。</translation>
        </message>
        <message>
            <source>The background stretches while the subject stays the same size (Vertigo).</source>
            <translation>背景拉伸，主体大小保持不变（眩晕效果）。</translation>
        </message>
        <message>
            <source>A fast, punchy zoom into the subject.</source>
            <translation>快速、有冲击力地推向主体。</translation>
        </message>
        <message>
            <source>The camera circles the subject once.</source>
            <translation>镜头环绕主体一周。</translation>
        </message>
        <message>
            <source>The scene bursts apart behind the subject.</source>
            <translation>主体身后的场景炸裂开来。</translation>
        </message>
        <message>
            <source>The subject melts away.</source>
            <translation>主体逐渐融化。</translation>
        </message>
        <message>
            <source>The subject is squeezed like a soft toy.</source>
            <translation>主体像软玩具一样被挤压。</translation>
        </message>
        <message>
            <source>The subject puffs up like a balloon.</source>
            <translation>主体像气球一样膨胀起来。</translation>
        </message>
        <message>
            <source>The two people hug (needs a photo of each).</source>
            <translation>两人拥抱（每人需要一张照片）。</translation>
        </message>
        <message>
            <source>The two people kiss (needs a photo of each).</source>
            <translation>两人亲吻（每人需要一张照片）。</translation>
        </message>
        <message>
            <source>The two people hold hands (needs a photo of each).</source>
            <translation>两人牵手（每人需要一张照片）。</translation>
        </message>
        <message>
            <source>The two people dance together (needs a photo of each).</source>
            <translation>两人共舞（每人需要一张照片）。</translation>
        </message>
        <message>
            <source>Add at least one reference image.</source>
            <translation>请至少添加一张参考图片。</translation>
        </message>
        <message>
            <source>Write a prompt: describe what happens in the clip.</source>
            <translation>请写提示词：描述片段中发生的事情。</translation>
        </message>
        <message>
            <source>Drop a photo to animate with the effect.</source>
            <translation>请拖放一张要用特效制作动画的照片。</translation>
        </message>
        <message>
            <source>Choose an effect.</source>
            <translation>请选择特效。</translation>
        </message>
        <message>
            <source>Unknown model {option!r}; choose one of {options}.</source>
            <translation>未知模型 {option!r}；请从以下选项中选择：{options}。</translation>
        </message>
        <message>
            <source>Drop the video to restyle.</source>
            <translation>请拖放要换风格的视频。</translation>
        </message>
        <message>
            <source>Write a prompt: describe how the video should change.</source>
            <translation>请写提示词：描述视频要如何改变。</translation>
        </message>
        <message>
            <source>Unknown effect family {option!r}; choose one of {options}.</source>
            <translation>未知特效系列 {option!r}；请从以下选项中选择：{options}。</translation>
        </message>
        <message>
            <source>{effect} animates two people: drop a photo of the second person too.</source>
            <translation>{effect} 需要两个人：请同时拖放第二个人的照片。</translation>
        </message>
        <message>
            <source>Unknown mode {mode}.</source>
            <translation>未知模式 {mode}。</translation>
        </message>
        <message>
            <source>background image</source>
            <translation>背景图片</translation>
        </message>
        <message>
            <source>background video</source>
            <translation>背景视频</translation>
        </message>
        <message>
            <source>second reference image</source>
            <translation>第二张参考图</translation>
        </message>
        <message>
            <source>The number of results</source>
            <translation>结果数量</translation>
        </message>
        <message>
            <source>The duration</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>attach mode</source>
            <translation>配入方式</translation>
        </message>
        <message>
            <source>{what} must be more than {lo} and at most {hi} (got '{value}').</source>
            <translation>{what} 必须大于 {lo} 且不超过 {hi}（当前为“{value}”）。</translation>
        </message>
        <message>
            <source>{what} must be between {lo} and {hi} (got '{value}').</source>
            <translation>{what} 必须在 {lo} 到 {hi} 之间（当前为“{value}”）。</translation>
        </message>
        <message>
            <source>The compression</source>
            <translation>压缩比例</translation>
        </message>
        <message>
            <source>A {ratio} frame of {name} ({fw}x{fh}) can move at most {room} pixels across; the offset x {v} is outside the picture.</source>
            <translation>{name}（{fw}x{fh}）中的 {ratio} 画框最多只能横向移动 {room} 像素；偏移 x {v} 超出了画面。</translation>
        </message>
        <message>
            <source>A {ratio} frame of {name} ({fw}x{fh}) can move at most {room} pixels down; the offset y {v} is outside the picture.</source>
            <translation>{name}（{fw}x{fh}）中的 {ratio} 画框最多只能纵向移动 {room} 像素；偏移 y {v} 超出了画面。</translation>
        </message>
        <message>
            <source>prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>The video's length must be more than 0 seconds (got {v}).</source>
            <translation>视频时长必须大于 0 秒（当前为 {v}）。</translation>
        </message>
        <message>
            <source>The audio's length must be more than 0 seconds (got {v}).</source>
            <translation>音频时长必须大于 0 秒（当前为 {v}）。</translation>
        </message>
        <message>
            <source>'{value}' is not a known {what}; use one of {choices}.</source>
            <translation>“{value}”不是已知的 {what}；请使用以下之一：{choices}。</translation>
        </message>
        <message>
            <source>Choose the video to reframe.</source>
            <translation>请选择要重构画面的视频。</translation>
        </message>
        <message>
            <source>Choose the video to enhance.</source>
            <translation>请选择要增强的视频。</translation>
        </message>
        <message>
            <source>enhance mode</source>
            <translation>增强模式</translation>
        </message>
        <message>
            <source>The aspect ratio must be one of {choices} (got '{text}').</source>
            <translation>宽高比必须是以下之一：{choices}（当前为“{text}”）。</translation>
        </message>
        <message>
            <source>{ratio} is too extreme a frame: use a ratio between 1:{max} and {max}:1.</source>
            <translation>{ratio} 的画面比例过于极端：请使用 1:{max} 到 {max}:1 之间的比例。</translation>
        </message>
        <message>
            <source>{name} must be a whole number.</source>
            <translation>{name} 必须是整数。</translation>
        </message>
        <message>
            <source>{name} must be a whole number (got '{value}').</source>
            <translation>{name} 必须是整数（当前为“{value}”）。</translation>
        </message>
        <message>
            <source>The number of results must be between {lo} and {hi} (got {q}).</source>
            <translation>结果数量必须在 {lo} 到 {hi} 之间（当前为 {q}）。</translation>
        </message>
        <message>
            <source>The duration must be between {lo} and {hi} seconds (got {d}).</source>
            <translation>时长必须在 {lo} 到 {hi} 秒之间（当前为 {d}）。</translation>
        </message>
        <message>
            <source>The {what} is empty. Write what you want.</source>
            <translation>{what} 为空。请写下你想要的内容。</translation>
        </message>
        <message>
            <source>The {what} has {n} characters; Vimmerse jobs here take at most {max}. Shorten it.</source>
            <translation>{what} 有 {n} 个字符；这里的 Vimmerse 任务最多接受 {max} 个。请缩短。</translation>
        </message>
        <message>
            <source>Choose the video to add sound to.</source>
            <translation>请选择要添加声音的视频。</translation>
        </message>
        <message>
            <source>Describe the sound to add (the prompt is empty).</source>
            <translation>请描述要添加的声音（提示词为空）。</translation>
        </message>
        <message>
            <source>{what} must be a number between {lo} and {hi} (got '{value}').</source>
            <translation>{what} 必须是 {lo} 到 {hi} 之间的数字（当前为“{value}”）。</translation>
        </message>
        <message>
            <source>The crop offset {side} must be 0 or more pixels (got {v}).</source>
            <translation>裁剪偏移 {side} 必须为 0 或更多像素（当前为 {v}）。</translation>
        </message>
        <message>
            <source>Give the avatar's id.</source>
            <translation>请提供数字人 ID。</translation>
        </message>
        <message>
            <source>Give the voice id that speaks the avatar's text.</source>
            <translation>请提供朗读数字人文字的音色 ID。</translation>
        </message>
        <message>
            <source>lip-sync option</source>
            <translation>口型同步选项</translation>
        </message>
        <message>
            <source>voice</source>
            <translation>音色</translation>
        </message>
        <message>
            <source>A talking avatar speaks a text or an audio file: give one of them.</source>
            <translation>数字人播报文字或音频文件：请提供其中一项。</translation>
        </message>
        <message>
            <source>Give a text or an audio file for the avatar, not both.</source>
            <translation>请为数字人提供文字或音频文件，不要同时提供。</translation>
        </message>
        <message>
            <source>Choose the image to animate.</source>
            <translation>请选择要制作动画的图片。</translation>
        </message>
        <message>
            <source>video-effects option</source>
            <translation>视频特效选项</translation>
        </message>
        <message>
            <source>Choose an effect (for example BulletTime).</source>
            <translation>请选择特效（例如 BulletTime）。</translation>
        </message>
        <message>
            <source>Lip sync needs a portrait image or a video of a face: give one of them.</source>
            <translation>口型同步需要肖像图片或面孔视频：请提供其中一项。</translation>
        </message>
        <message>
            <source>Give a portrait image or a video for lip sync, not both.</source>
            <translation>请为口型同步提供肖像图片或视频，不要同时提供。</translation>
        </message>
        <message>
            <source>Lip sync needs the speech: give an audio file or a text to speak.</source>
            <translation>口型同步需要语音：请提供音频文件或要朗读的文字。</translation>
        </message>
        <message>
            <source>Give an audio file or a text to speak, not both.</source>
            <translation>请提供音频文件或要朗读的文字，不要同时提供。</translation>
        </message>
        <message>
            <source>Choose the video whose background to replace.</source>
            <translation>请选择要替换背景的视频。</translation>
        </message>
        <message>
            <source>Give one background, not a background image and a background video.</source>
            <translation>只能提供一种背景，不能同时提供背景图片和背景视频。</translation>
        </message>
        <message>
            <source>Give one background, not a background image and a prompt.</source>
            <translation>只能提供一种背景，不能同时提供背景图片和提示词。</translation>
        </message>
        <message>
            <source>Give one background, not a background video and a prompt.</source>
            <translation>只能提供一种背景，不能同时提供背景视频和提示词。</translation>
        </message>
        <message>
            <source>Give one background, not a background image and a background video and a prompt.</source>
            <translation>只能提供一种背景，不能同时提供背景图片、背景视频和提示词。</translation>
        </message>
        <message>
            <source>alignment</source>
            <translation>对齐方式</translation>
        </message>
        <message>
            <source>Choose the new background: an image, a video, or a prompt that describes it.</source>
            <translation>请选择新背景：图片、视频，或描述背景的提示词。</translation>
        </message>
        <message>
            <source>The scale</source>
            <translation>缩放比例</translation>
        </message>
        <message>
            <source>Describe the video to make (the prompt is empty).</source>
            <translation>请描述要生成的视频（提示词为空）。</translation>
        </message>
        <message>
            <source>reference-to-video option</source>
            <translation>参考图片生成视频选项</translation>
        </message>
        <message>
            <source>The {effect} effect takes two people: add the second person's image.</source>
            <translation>{effect} 特效需要两个人：请添加第二个人的图片。</translation>
        </message>
        <message>
            <source>Reference-to-video needs at least one reference image.</source>
            <translation>参考图片生成视频至少需要一张参考图片。</translation>
        </message>
        <message>
            <source>Choose the video to restyle.</source>
            <translation>请选择要换风格的视频。</translation>
        </message>
        <message>
            <source>Describe the change to make (the prompt is empty).</source>
            <translation>请描述要做的改变（提示词为空）。</translation>
        </message>
        <message>
            <source>Choose the video to put the audio on.</source>
            <translation>请选择要添加音频的视频。</translation>
        </message>
        <message>
            <source>Choose the audio file to put on the video.</source>
            <translation>请选择要添加到视频上的音频文件。</translation>
        </message>
        <message>
            <source>{n} reference images is too many: give at most {max}.</source>
            <translation>{n} 张参考图片太多了：最多提供 {max} 张。</translation>
        </message>
        <message>
            <source>Vimmerse does not publish the list of avatars. Copy the avatar's id from your avatars on vimmerse.net (a name or a code without spaces); the ids you use are remembered here.</source>
            <translation>Vimmerse 不公布数字人列表。请从 vimmerse.net 上你的数字人中复制 ID（不含空格的名称或代码）；这里会记住你用过的 ID。</translation>
        </message>
        <message>
            <source>Vimmerse does not publish the list of voices for avatars. Type a voice id from your account, or one of the voice names ({voices}...); leave AutoV to let Vimmerse choose.</source>
            <translation>Vimmerse 不公布数字人的音色列表。请输入你账户中的音色 ID，或某个音色名称（{voices}...）；保留 AutoV 则由 Vimmerse 选择。</translation>
        </message>
        <message>
            <source>Result length: add audio or type a text</source>
            <translation>结果时长：请添加音频或输入文字</translation>
        </message>
        <message>
            <source>The script is {n} characters; one job takes at most {max} (about {minutes} minutes of speech). Shorten it or split it into several jobs.</source>
            <translation>脚本有 {n} 个字符；一个任务最多接受 {max} 个（约 {minutes} 分钟的语音）。请缩短，或拆分为多个任务。</translation>
        </message>
        <message>
            <source>The text is {n} characters; one job takes at most {max} (about {minutes} minutes of speech). Shorten it or split it into several jobs.</source>
            <translation>文字有 {n} 个字符；一个任务最多接受 {max} 个（约 {minutes} 分钟的语音）。请缩短，或拆分为多个任务。</translation>
        </message>
        <message>
            <source>'{value}' does not look like an avatar id: use the id from your Vimmerse account (letters, digits, '-', '_', '.' or ':', no spaces).</source>
            <translation>“{value}”看起来不像数字人 ID：请使用你 Vimmerse 账户中的 ID（字母、数字、'-'、'_'、'.' 或 ':'，不含空格）。</translation>
        </message>
        <message>
            <source>'{value}' does not look like a voice id: use the id from your Vimmerse account (letters, digits, '-', '_', '.' or ':', no spaces).</source>
            <translation>“{value}”看起来不像音色 ID：请使用你 Vimmerse 账户中的 ID（字母、数字、'-'、'_'、'.' 或 ':'，不含空格）。</translation>
        </message>
        <message>
            <source>Drop a portrait image or a video of the face.</source>
            <translation>请拖放肖像图片或面孔视频。</translation>
        </message>
        <message>
            <source>Add an audio file, or type the text to say and pick a voice.</source>
            <translation>请添加音频文件，或输入要说的文字并选择音色。</translation>
        </message>
        <message>
            <source>Type the script for the avatar to say, or add an audio file.</source>
            <translation>请输入数字人要播报的脚本，或添加音频文件。</translation>
        </message>
        <message>
            <source>Type the avatar id.</source>
            <translation>请输入数字人 ID。</translation>
        </message>
        <message>
            <source>Type the voice id.</source>
            <translation>请输入音色 ID。</translation>
        </message>
        <message>
            <source>Result: {length} (the audio's length)</source>
            <translation>结果：{length}（音频的时长）</translation>
        </message>
        <message>
            <source>Result: about {length} (estimated speech time)</source>
            <translation>结果：约 {length}（估算的语音时长）</translation>
        </message>
        <message>
            <source>The face must be an image or a video, not {kind}.</source>
            <translation>面孔必须是图片或视频，而不是 {kind}。</translation>
        </message>
        <message>
            <source>'{option}' is not a lip-sync option; use one of {options}.</source>
            <translation>“{option}”不是口型同步选项；请使用以下之一：{options}。</translation>
        </message>
        <message>
            <source>'{voice}' is not a Vimmerse voice; use one of {voices}.</source>
            <translation>“{voice}”不是 Vimmerse 音色；请使用以下之一：{voices}。</translation>
        </message>
        <message>
            <source>A talking avatar is made in {ratios}, not {ratio}.</source>
            <translation>数字人视频只能以 {ratios} 制作，不支持 {ratio}。</translation>
        </message>
        <message>
            <source>Keeps the video's length: longer audio is cut, shorter audio ends in silence.</source>
            <translation>保持视频时长：较长的音频会被截断，较短的音频结束后为静音。</translation>
        </message>
        <message>
            <source>Keeps the video's length: shorter audio is padded with silence (longer audio is cut).</source>
            <translation>保持视频时长：较短的音频用静音补齐（较长的音频会被截断）。</translation>
        </message>
        <message>
            <source>Lasts as long as the audio: the video is cut, or its last frame is held.</source>
            <translation>时长与音频一致：视频会被截断，或停留在最后一帧。</translation>
        </message>
        <message>
            <source>Keeps the video's length: the audio is sped up or slowed down to fit exactly.</source>
            <translation>保持视频时长：音频会加速或减速以精确匹配。</translation>
        </message>
        <message>
            <source>Both as they are: the result ends with the shorter of the two.</source>
            <translation>两者保持原样：结果在较短的一方结束时结束。</translation>
        </message>
        <message>
            <source>Match the video's length</source>
            <translation>匹配视频时长</translation>
        </message>
        <message>
            <source>Pad the audio with silence</source>
            <translation>用静音补齐音频</translation>
        </message>
        <message>
            <source>Match the audio's length</source>
            <translation>匹配音频时长</translation>
        </message>
        <message>
            <source>Speed the audio to fit</source>
            <translation>调整音频速度以匹配</translation>
        </message>
        <message>
            <source>Keep both as they are</source>
            <translation>两者保持原样</translation>
        </message>
        <message>
            <source>Result: {total}; the audio fits the video.</source>
            <translation>结果：{total}；音频与视频时长一致。</translation>
        </message>
        <message>
            <source>Result: {total}, the video's length; the last {over} of the {audio} audio are cut.</source>
            <translation>结果：{total}，即视频时长；{audio}的音频最后 {over}会被截掉。</translation>
        </message>
        <message>
            <source>Result: {total}, the video's length; {over} of silence after the {audio} audio.</source>
            <translation>结果：{total}，即视频时长；{audio}的音频之后是 {over}的静音。</translation>
        </message>
        <message>
            <source>Result: {total}, the audio's length; the video's last frame is held for {over}.</source>
            <translation>结果：{total}，即音频时长；视频最后一帧将停留 {over}。</translation>
        </message>
        <message>
            <source>Result: {total}, the audio's length; the last {over} of the video are cut.</source>
            <translation>结果：{total}，即音频时长；视频最后 {over}会被截掉。</translation>
        </message>
        <message>
            <source>Drop an audio file to put onto the video.</source>
            <translation>请拖放要添加到视频上的音频文件。</translation>
        </message>
        <message>
            <source>Result: {total}, the video's length; the audio plays {percent}% faster to fit.</source>
            <translation>结果：{total}，即视频时长；音频将加快 {percent}% 播放以适配。</translation>
        </message>
        <message>
            <source>Result: {total}, the video's length; the audio plays {percent}% slower to fit.</source>
            <translation>结果：{total}，即视频时长；音频将放慢 {percent}% 播放以适配。</translation>
        </message>
        <message>
            <source>Result: {total}, the shorter audio's length; the rest of the longer one is left out.</source>
            <translation>结果：{total}，即较短的音频的时长；较长一方的其余部分被舍去。</translation>
        </message>
        <message>
            <source>Result: {total}, the shorter video's length; the rest of the longer one is left out.</source>
            <translation>结果：{total}，即较短的视频的时长；较长一方的其余部分被舍去。</translation>
        </message>
        <message>
            <source>Unknown Sound mode {mode}.</source>
            <translation>未知的声音模式 {mode}。</translation>
        </message>
        <message>
            <source>{name} is a video, not an image. Choose a picture.</source>
            <translation>{name} 是视频，不是图片。请选择一张图片。</translation>
        </message>
        <message>
            <source>{name} is an audio file, not an image.</source>
            <translation>{name} 是音频文件，不是图片。</translation>
        </message>
        <message>
            <source>Converting the image</source>
            <translation>正在转换图片</translation>
        </message>
        <message>
            <source>{name} is not an image format that can be read and could not be converted to PNG. Choose a PNG, JPEG, GIF or WebP picture.</source>
            <translation>{name} 不是可读取的图片格式，无法转换为 PNG。请选择 PNG、JPEG、GIF 或 WebP 图片。</translation>
        </message>
        <message>
            <source>Compressing the image</source>
            <translation>正在压缩图片</translation>
        </message>
        <message>
            <source>{name} is still over 20 MB after conversion; downscale it first.</source>
            <translation>{name} 转换后仍超过 20 MB；请先缩小尺寸。</translation>
        </message>
        <message>
            <source>{name} is a {kind} image and could not be converted to PNG. Choose a PNG, JPEG, GIF or WebP picture.</source>
            <translation>{name} 是 {kind} 图片，无法转换为 PNG。请选择 PNG、JPEG、GIF 或 WebP 图片。</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>文本</translation>
        </message>
        <message>
            <source>Face Swap</source>
            <translation>换脸</translation>
        </message>
        <message>
            <source>Put the face from a photo onto the person in a video.</source>
            <translation>把照片中的人脸换到视频里的人物上。</translation>
        </message>
        <message>
            <source>Face swap</source>
            <translation>换脸</translation>
        </message>
        <message>
            <source>Video Enhance</source>
            <translation>视频增强</translation>
        </message>
        <message>
            <source>Upscale and sharpen a clip, then compare it with the original.</source>
            <translation>放大并锐化视频片段，再与原片对比。</translation>
        </message>
        <message>
            <source>Video enhance</source>
            <translation>视频增强</translation>
        </message>
        <message>
            <source>Background Removal</source>
            <translation>背景移除</translation>
        </message>
        <message>
            <source>Cut the subject out of a photo and get a transparent PNG.</source>
            <translation>从照片中抠出主体，得到透明背景的 PNG。</translation>
        </message>
        <message>
            <source>Background removal</source>
            <translation>背景移除</translation>
        </message>
        <message>
            <source>Image Generation</source>
            <translation>图片生成</translation>
        </message>
        <message>
            <source>Describe an image and get up to four variations.</source>
            <translation>描述一张图片，最多可获得四种变体。</translation>
        </message>
        <message>
            <source>Image generation</source>
            <translation>图片生成</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>聊天</translation>
        </message>
        <message>
            <source>Talk with an AI model; your conversations stay on this computer.</source>
            <translation>与 AI 模型对话；你的对话只保存在这台电脑上。</translation>
        </message>
        <message>
            <source>Text to Speech</source>
            <translation>文字转语音</translation>
        </message>
        <message>
            <source>Turn text into spoken audio; long text is split at sentence ends and joined into one file.</source>
            <translation>把文字转换为语音；长文本会在句末拆分，并合并为一个文件。</translation>
        </message>
        <message>
            <source>Speech</source>
            <translation>语音</translation>
        </message>
        <message>
            <source>Speech to Text</source>
            <translation>语音转文字</translation>
        </message>
        <message>
            <source>Transcribe audio or the sound track of a video; large files are compressed or split for you.</source>
            <translation>转写音频或视频的音轨；大文件会自动压缩或拆分。</translation>
        </message>
        <message>
            <source>Transcription</source>
            <translation>转写</translation>
        </message>
        <message>
            <source>Vision</source>
            <translation>视觉</translation>
        </message>
        <message>
            <source>Ask questions about an image.</source>
            <translation>就一张图片提问。</translation>
        </message>
        <message>
            <source>Reframe &amp; Crop</source>
            <translation>重构画面与裁剪</translation>
        </message>
        <message>
            <source>Turn a clip into 9:16, 1:1, 4:5 or 16:9: crop the part to keep, or let AI fill the new frame.</source>
            <translation>把视频片段转为 9:16、1:1、4:5 或 16:9：裁剪出要保留的部分，或让 AI 填充新画面。</translation>
        </message>
        <message>
            <source>Reframe</source>
            <translation>重构画面</translation>
        </message>
        <message>
            <source>Sound</source>
            <translation>声音</translation>
        </message>
        <message>
            <source>Add AI sound effects to a video, put an audio file onto it, or make music from a description.</source>
            <translation>为视频添加 AI 音效、配上音频文件，或根据描述生成音乐。</translation>
        </message>
        <message>
            <source>Generate Video</source>
            <translation>生成视频</translation>
        </message>
        <message>
            <source>Make clips from a prompt or images (Kling, Seedance, Wan...), an image and an effect, or restyle a video.</source>
            <translation>根据提示词或图片（Kling、Seedance、Wan…）、图片加特效生成视频片段，或为视频换风格。</translation>
        </message>
        <message>
            <source>Video generation</source>
            <translation>视频生成</translation>
        </message>
        <message>
            <source>Lip Sync</source>
            <translation>口型同步</translation>
        </message>
        <message>
            <source>Make a portrait or a video speak an audio file or a text; or a talking avatar says a script.</source>
            <translation>让人像或视频说出音频文件或文字的内容；或让数字人播报脚本。</translation>
        </message>
        <message>
            <source>Lip sync</source>
            <translation>口型同步</translation>
        </message>
        <message>
            <source>Replace Background</source>
            <translation>替换背景</translation>
        </message>
        <message>
            <source>Put the person in a video over a new background: an image, a video or a prompt.</source>
            <translation>把视频中的人物放到新背景上：图片、视频或提示词生成的背景。</translation>
        </message>
        <message>
            <source>Background replacement</source>
            <translation>背景替换</translation>
        </message>
    </context>
</TS>
