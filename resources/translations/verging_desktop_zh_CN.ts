<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AccountDialog</name>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n 条记录</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AiDropZone</name>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
    </context>
    <context>
        <name>BackgroundRemovalPage</name>
        <message numerus="yes">
            <source>Remove %n background(s)</source>
            <translation>
                <numerusform>移除 %n 张图片的背景</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n image(s) (is|are) waiting to be sent.</source>
            <translation>
                <numerusform>%n 张图片等待发送。</numerusform>
            </translation>
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
        <name>ChatTab</name>
        <message numerus="yes">
            <source>%n message(s)</source>
            <translation>
                <numerusform>%n 条消息</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CostBar</name>
        <message>
            <source>Buy credits</source>
            <translation>购买积分</translation>
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
        <name>GenerateVideoPage</name>
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
            <source>Prompt</source>
            <translation>提示词</translation>
        </message>
        <message>
            <source>Make clips from:</source>
            <translation>生成片段的依据：</translation>
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
            <source>Who makes the image; what each costs for these settings is beside it</source>
            <translation>由谁生成图片；各自在当前设置下的费用标在旁边</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>服务商</translation>
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
        <name>PlacementPreview</name>
        <message>
            <source>Where the person lands on the new background (a sketch: the backdrop is not keyed here)</source>
            <translation>人物在新背景上的位置（示意图：此处不抠除背景）</translation>
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
            <source>Retry %n failed face swap(s)</source>
            <translation>
                <numerusform>重试 %n 个失败的换脸任务</numerusform>
            </translation>
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
            <source>Cancelling %1 failed: %2</source>
            <translation>取消 %1 失败：%2</translation>
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
        <name>RejectionList</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n 个文件</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReplaceBackgroundPage</name>
        <message>
            <source>&lt;b&gt;New background:&lt;/b&gt;</source>
            <translation>&lt;b&gt;新背景：&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Choose the new background above: an image, a video, or a prompt.</source>
            <translation>请在上方选择新背景：图片、视频或提示词。</translation>
        </message>
        <message>
            <source>How tall the person is: a share of the background's height</source>
            <translation>人物高度：占背景高度的比例</translation>
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
        <name>SpeechToTextTab</name>
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
            <source>Choosing the spoken language helps with short or noisy recordings</source>
            <translation>指定语音语言有助于转写简短或嘈杂的录音</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
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
            <source>Choose an audio or video file first: drop it above or click Browse.</source>
            <translation>请先选择音频或视频文件：拖放到上方或点击“浏览”。</translation>
        </message>
        <message>
            <source>Add a varg key first (File &gt; Manage API keys, varg tab), or choose Verging.</source>
            <translation>请先添加 varg 密钥（文件 &gt; 管理 API 密钥，varg 选项卡），或选择 Verging。</translation>
        </message>
        <message>
            <source>Transcript copied to the clipboard.</source>
            <translation>转写文本已复制到剪贴板。</translation>
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
        <message numerus="yes">
            <source>Generate speech: %n part(s)</source>
            <translation>
                <numerusform>生成语音：%n 段</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Synthesizing %n part(s)</source>
            <translation>
                <numerusform>正在合成 %n 段</numerusform>
            </translation>
        </message>
        <message>
            <source>Add a varg key first: nothing is sent without one.</source>
            <translation>请先添加 varg 密钥：没有密钥不会发送任何内容。</translation>
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
    </context>
    <context>
        <name>VargVideoPanel</name>
        <message>
            <source>The clip's length: only the lengths this model makes</source>
            <translation>片段时长：仅限此模型支持的时长</translation>
        </message>
        <message>
            <source>The clip's shape</source>
            <translation>片段的画面比例</translation>
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
        <message>
            <source> and </source>
            <comment>before a list's last item</comment>
            <translation>和</translation>
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
            <source>, </source>
            <comment>between the items of a list</comment>
            <translation>、</translation>
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
