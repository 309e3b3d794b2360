<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChannelPanel</name>
    <message>
        <source>Click a tile to see its channel here</source>
        <translation>点击一个图块，在此处查看该通道</translation>
    </message>
    <message>
        <source>Hide the channel panel (click a tile to show it again)</source>
        <translation>隐藏通道面板（点击图块可再次显示）</translation>
    </message>
    <message>
        <source>Value of the activation under the mouse</source>
        <translation>鼠标所指处的激活值</translation>
    </message>
    <message>
        <source>channel {channel} · {height}×{width} · min {low} · max {high} · colours {bottom} … {top}</source>
        <translation>通道 {channel} · {height}×{width} · 最小 {low} · 最大 {high} · 色标 {bottom} … {top}</translation>
    </message>
    <message>
        <source>channel {channel} · row {row}, col {col} = {value}</source>
        <translation>通道 {channel} · 第 {row} 行，第 {col} 列 = {value}</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole diagram</source>
        <translation>显示整张结构图</translation>
    </message>
    <message>
        <source>Fold all</source>
        <translation>全部折叠</translation>
    </message>
    <message>
        <source>Draw every block as one node</source>
        <translation>把每个模块画成一个节点</translation>
    </message>
    <message>
        <source>Open all</source>
        <translation>全部展开</translation>
    </message>
    <message>
        <source>Draw every layer of every block</source>
        <translation>画出每个模块的每一层</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>No model yet.</source>
        <translation>还没有模型。</translation>
    </message>
    <message>
        <source>Click a layer to select it in every view; double-click a folded block to open it, an open block&apos;s frame to fold it; the wheel zooms, a drag pans.</source>
        <translation>单击某层即在所有视图中选中它；双击折叠的模块将其展开，双击展开模块的边框将其折叠；滚轮缩放，拖动平移。</translation>
    </message>
    <message>
        <source>Laying out the diagram…</source>
        <translation>正在排布结构图…</translation>
    </message>
    <message>
        <source>{layers} layers, {boxes} boxes, {open} of {blocks} blocks open; laid out in {seconds} s</source>
        <translation>{layers} 层，{boxes} 个方框，{blocks} 个模块中展开 {open} 个；排布用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Export the diagram as SVG</source>
        <translation>将结构图导出为 SVG</translation>
    </message>
    <message>
        <source>SVG (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export the diagram as PNG</source>
        <translation>将结构图导出为 PNG</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>DownloadPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the download; the current model stays</source>
        <translation>停止下载；当前模型保持不变</translation>
    </message>
</context>
<context>
    <name>ExplainView</name>
    <message>
        <source>Saliency (gradient)</source>
        <extracomment>(name sent to the worker, title (English, shown translated), needs a layer, slow)</extracomment>
        <translation>显著图（梯度）</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Guided backpropagation</source>
        <translation>引导反向传播</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>{method} (slow)</source>
        <translation>{method}（较慢）</translation>
    </message>
    <message>
        <source>How the map is computed</source>
        <translation>热力图的计算方法</translation>
    </message>
    <message>
        <source>The class to explain (click a prediction bar to pick one)</source>
        <translation>要解释的类别（也可点击预测条形图选择）</translation>
    </message>
    <message>
        <source>The layer a class activation map is computed at</source>
        <translation>计算类激活图所用的层</translation>
    </message>
    <message>
        <source>How much the map covers the image</source>
        <translation>热力图覆盖图像的程度</translation>
    </message>
    <message>
        <source>Run an image to explain the model&apos;s choice</source>
        <translation>运行一张图像，以解释模型的判断</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this explanation</source>
        <translation>停止本次解释</translation>
    </message>
    <message>
        <source>Save map…</source>
        <translation>保存热力图…</translation>
    </message>
    <message>
        <source>Save the map as numbers (.npy, float32, 0..1, the fed image&apos;s height × width)</source>
        <translation>将热力图保存为数值（.npy，float32，0..1，尺寸为输入图像的高 × 宽）</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Fed to the model</source>
        <translation>送入模型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>{layer}  (default)</source>
        <translation>{layer}  （默认）</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>Top-1（最高分）</translation>
    </message>
    <message>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>已缓存</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>Save the map</source>
        <translation>保存热力图</translation>
    </message>
    <message>
        <source>NumPy (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message>
        <source>min–max over the whole layer: tiles are comparable</source>
        <translation>按整层的最小–最大值：各图块之间可以比较</translation>
    </message>
    <message>
        <source>min–max per channel: every tile uses all colours</source>
        <translation>按每个通道的最小–最大值：每个图块都用满全部颜色</translation>
    </message>
    <message>
        <source>per channel, mean 0.5 and std 0.1 (Quiver&apos;s recipe)</source>
        <translation>按通道标准化为均值 0.5、标准差 0.1（Quiver 的做法）</translation>
    </message>
    <message>
        <source>diverging around 0, ±max|x| over the layer</source>
        <translation>以 0 为中心的发散色，范围为整层的 ±max|x|</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>按层</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>按通道</translation>
    </message>
    <message>
        <source>standardize</source>
        <translation>标准化</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>正负</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>How values become colours</source>
        <translation>数值如何映射为颜色</translation>
    </message>
    <message>
        <source>Colour map (auto: viridis, coolwarm for signed)</source>
        <translation>颜色映射（自动：viridis；“正负”时用 coolwarm）</translation>
    </message>
    <message>
        <source>Every channel of the layer; click a tile to enlarge it</source>
        <translation>该层的所有通道；点击图块可放大查看</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Waiting for TensorFlow…</source>
        <translation>正在等待 TensorFlow…</translation>
    </message>
    <message>
        <source>Normalise:</source>
        <translation>归一化：</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>No output for {path} yet: load an image to run the model.</source>
        <translation>{path} 还没有输出：请载入一张图像来运行模型。</translation>
    </message>
    <message>
        <source>output {shape} · min {low} · max {high}</source>
        <translation>输出 {shape} · 最小 {low} · 最大 {high}</translation>
    </message>
    <message>
        <source>channel {channel} · row {row}, col {col} = {value}</source>
        <translation>通道 {channel} · 第 {row} 行，第 {col} 列 = {value}</translation>
    </message>
    <message>
        <source>unit {unit} = {value}</source>
        <translation>单元 {unit} = {value}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Open images</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Open a Keras model</source>
        <translation>打开 Keras 模型</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>View copied to the clipboard.</source>
        <translation>视图已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>InputView</name>
    <message>
        <source>As the model says</source>
        <extracomment>(choice sent to the worker, what the menu says (English, shown translated)); None = as the model file says</extracomment>
        <translation>按模型的设定</translation>
    </message>
    <message>
        <source>rescale: x / 255</source>
        <translation>rescale：x / 255（缩放到 0…1）</translation>
    </message>
    <message>
        <source>tf: x / 127.5 − 1</source>
        <translation>tf：x / 127.5 − 1（缩放到 −1…1）</translation>
    </message>
    <message>
        <source>torch: ImageNet mean and std</source>
        <translation>torch：ImageNet 均值和标准差</translation>
    </message>
    <message>
        <source>caffe: BGR, minus the ImageNet mean</source>
        <translation>caffe：BGR，减去 ImageNet 均值</translation>
    </message>
    <message>
        <source>raw: pixels 0–255</source>
        <translation>raw：像素值 0–255</translation>
    </message>
    <message>
        <source>Untrained weights (random, the same on every load): the layers&apos; outputs show the architecture, the predictions mean nothing yet</source>
        <translation>未训练的权重（随机，但每次加载都相同）：各层的输出展示的是网络结构，预测结果目前没有意义</translation>
    </message>
    <message>
        <source>How pixels are scaled for a model file whose card does not say (remembered for each file)</source>
        <translation>模型文件未注明时像素的缩放方式（每个文件分别记住）</translation>
    </message>
    <message>
        <source>No image yet</source>
        <translation>尚无图像</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>尚未运行</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Fed to the model</source>
        <translation>送入模型</translation>
    </message>
    <message>
        <source>Every step from the file to the tensor the model receives</source>
        <translation>从文件到模型所接收张量的每一个步骤</translation>
    </message>
    <message>
        <source>Input scaling:</source>
        <translation>输入缩放：</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>预处理流程</translation>
    </message>
    <message>
        <source>Original · {width}×{height}</source>
        <translation>原图 · {width}×{height}</translation>
    </message>
    <message>
        <source>Fed · {width}×{height}×{channels}</source>
        <translation>输入 · {width}×{height}×{channels}</translation>
    </message>
    <message>
        <source>The exact pixels fed to the model; tensor shape {shape}, {dtype}</source>
        <translation>实际送入模型的像素；张量形状 {shape}，{dtype}</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.ppm *.pgm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.ppm *.pgm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.h5 *.hdf5);;All files (*)</source>
        <translation>Keras 模型 (*.keras *.h5 *.hdf5);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Keras weights (*.weights.h5 *.h5 *.hdf5 *.keras);;All files (*)</source>
        <translation>Keras 权重 (*.weights.h5 *.h5 *.hdf5 *.keras);;所有文件 (*)</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation>拖入的图像</translation>
    </message>
    <message>
        <source>Save view as PNG</source>
        <translation>将视图保存为 PNG</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>KernelsView</name>
    <message>
        <source>kernel[0, 0]: row i = 0…{last_in}, column o = 0…{last_out}</source>
        <translation>kernel[0, 0]：行 i = 0…{last_in}，列 o = 0…{last_out}</translation>
    </message>
    <message>
        <source>tile o = kernel[:, :, :, o] as RGB, o = 0…{last}</source>
        <translation>图块 o = kernel[:, :, :, o]（以 RGB 显示），o = 0…{last}</translation>
    </message>
    <message>
        <source>tile o = kernel[:, :, 0, o], o = 0…{last}</source>
        <translation>图块 o = kernel[:, :, 0, o]，o = 0…{last}</translation>
    </message>
    <message>
        <source>filter {o}: tile i = kernel[:, :, i, {o}], i = 0…{last}</source>
        <translation>滤波器 {o}：图块 i = kernel[:, :, i, {o}]，i = 0…{last}</translation>
    </message>
    <message>
        <source>W[:, :, 0, 0]: row o = 0…{last_out}, column i = 0…{last_in}</source>
        <translation>W[:, :, 0, 0]：行 o = 0…{last_out}，列 i = 0…{last_in}</translation>
    </message>
    <message>
        <source>tile o = W[o] (in, kh, kw) shown as RGB, o = 0…{last}</source>
        <translation>图块 o = W[o] (in, kh, kw)（以 RGB 显示），o = 0…{last}</translation>
    </message>
    <message>
        <source>tile o = W[o, 0], o = 0…{last}</source>
        <translation>图块 o = W[o, 0]，o = 0…{last}</translation>
    </message>
    <message>
        <source>filter {o}: tile i = W[{o}, i], i = 0…{last}</source>
        <translation>滤波器 {o}：图块 i = W[{o}, i]，i = 0…{last}</translation>
    </message>
    <message>
        <source>Keras layout: kernel.shape = (kh, kw, in, out) = {shape}</source>
        <translation>Keras 布局：kernel.shape = (kh, kw, in, out) = {shape}</translation>
    </message>
    <message>
        <source>Book layout: W.shape = (out, in, kh, kw) = {shape}</source>
        <translation>教材布局：W.shape = (out, in, kh, kw) = {shape}</translation>
    </message>
    <message>
        <source>Select a convolution layer to see its kernels</source>
        <translation>选择一个卷积层以查看其卷积核</translation>
    </message>
    <message>
        <source>Keras (kh, kw, in, out)</source>
        <translation>Keras (kh, kw, in, out)</translation>
    </message>
    <message>
        <source>Book (out, in, kh, kw)</source>
        <translation>教材 (out, in, kh, kw)</translation>
    </message>
    <message>
        <source>How Keras stores a Conv2D kernel</source>
        <translation>Keras 存储 Conv2D 卷积核的方式</translation>
    </message>
    <message>
        <source>How textbooks (and PyTorch) write the weights</source>
        <translation>教材（以及 PyTorch）书写权重的方式</translation>
    </message>
    <message>
        <source>filter </source>
        <translation>滤波器 </translation>
    </message>
    <message>
        <source>The output filter whose input-channel slices are shown</source>
        <translation>要显示其各输入通道切片的输出滤波器</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>fetching kernels…</source>
        <translation>正在获取卷积核…</translation>
    </message>
    <message>
        <source>{count} filters of {height}×{width}×{depth}</source>
        <translation>{count} 个 {height}×{width}×{depth} 的滤波器</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <source>{name}: {kind} sample</source>
        <translation>{name}：{kind} 示例</translation>
    </message>
    <message>
        <source>Reading image…</source>
        <translation>正在读取图像…</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <source>Running {image} through {model}…</source>
        <translation>正在用 {model} 处理 {image}…</translation>
    </message>
    <message>
        <source>this {type} layer has no weights; pick a convolution layer</source>
        <translation>这个 {type} 层没有权重；请选择一个卷积层</translation>
    </message>
    <message>
        <source>a {type} layer&apos;s weights are no convolution kernels; pick a convolution layer</source>
        <translation>{type} 层的权重不是卷积核；请选择一个卷积层</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>The interface will be in {language} when cnn-explorer starts again.</source>
        <translation>重新启动 cnn-explorer 后，界面语言将为{language}。</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>尚未加载</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>TensorFlow is ready.</source>
        <translation>TensorFlow 已就绪。</translation>
    </message>
    <message>
        <source>{count} file(s) could not be read.</source>
        <translation>有 {count} 个文件无法读取。</translation>
    </message>
    <message>
        <source>{model} ready: {input}.</source>
        <translation>{model} 已就绪：{input}。</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>已缓存</translation>
    </message>
    <message>
        <source>{image} through {model}: {how}.</source>
        <translation>{image} 经 {model}：{how}。</translation>
    </message>
    <message>
        <source>Pick a weights file</source>
        <translation>选择权重文件</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Trained and bundled</source>
        <translation>已训练（随附）</translation>
    </message>
    <message>
        <source>Built from code</source>
        <translation>由代码构建</translation>
    </message>
    <message>
        <source>Pretrained (keras.applications)</source>
        <translation>预训练（keras.applications）</translation>
    </message>
    <message>
        <source>Opened files</source>
        <translation>已打开的文件</translation>
    </message>
    <message>
        <source>cached</source>
        <translation>已缓存</translation>
    </message>
    <message>
        <source>untrained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>untrained (random, the same on every load)</source>
        <translation>未训练（随机，但每次加载都相同）</translation>
    </message>
    <message>
        <source>trained (ImageNet)</source>
        <translation>已训练（ImageNet）</translation>
    </message>
    <message>
        <source>as saved in the file</source>
        <translation>与文件中保存的相同</translation>
    </message>
    <message>
        <source>trained (bundled), {accuracy} test accuracy</source>
        <translation>已训练（随附），测试准确率 {accuracy}</translation>
    </message>
    <message>
        <source>trained (bundled)</source>
        <translation>已训练（随附）</translation>
    </message>
    <message>
        <source>to download ({size})</source>
        <translation>待下载（{size}）</translation>
    </message>
    <message>
        <source>from {name}</source>
        <translation>来自 {name}</translation>
    </message>
    <message>
        <source>{millions} params</source>
        <translation>{millions} 参数</translation>
    </message>
    <message>
        <source>params: ?</source>
        <translation>参数：?</translation>
    </message>
    <message>
        <source>input {shape} · {params} · weights: {weights}</source>
        <translation>输入 {shape} · {params} · 权重：{weights}</translation>
    </message>
    <message>
        <source>Pick the network to look inside</source>
        <translation>选择要查看内部的网络</translation>
    </message>
    <message>
        <source>Loading the model list…</source>
        <translation>正在加载模型列表…</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>input {input} · {millions} params ({count}) · weights: {weights}</source>
        <translation>输入 {input} · {millions} 参数（{count}）· 权重：{weights}</translation>
    </message>
    <message>
        <source>Open a model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <source>Open a .keras or .h5 model saved with Keras</source>
        <translation>打开用 Keras 保存的 .keras 或 .h5 模型</translation>
    </message>
</context>
<context>
    <name>OverlayPane</name>
    <message>
        <source>importance</source>
        <translation>重要性</translation>
    </message>
</context>
<context>
    <name>PredictionsView</name>
    <message>
        <source>⚠ Untrained weights: these scores mean nothing yet</source>
        <translation>⚠ 未训练的权重：这些分数目前没有意义</translation>
    </message>
    <message>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>How many of the best classes to show</source>
        <translation>显示得分最高的几个类别</translation>
    </message>
    <message>
        <source>No predictions yet</source>
        <translation>尚无预测</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Click a bar to explain that class</source>
        <translation>点击条形以解释该类别</translation>
    </message>
    <message>
        <source>{model}: no class scores (not a classifier output)</source>
        <translation>{model}：没有类别分数（输出不是分类器）</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>&lt;h3&gt;cnn-explorer&lt;/h3&gt;
&lt;p&gt;See what a convolutional network does to an image, layer by layer.&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Images&lt;/b&gt;: drop image files on the window, use File ▸ Open (Ctrl+O), paste one
(Ctrl+V), or click a sample. Loaded images stay in the strip at the bottom.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Models&lt;/b&gt;: pick one in the toolbar. Pretrained models download their weights once
(you can cancel). File ▸ Open model file… opens your own &lt;code&gt;.keras&lt;/code&gt; or
&lt;code&gt;.h5&lt;/code&gt;.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Layers&lt;/b&gt;: click a row in the shape flow, or step with ↑/↓ in the feature maps and
Page Up/Page Down anywhere.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Feature maps&lt;/b&gt;: every channel of the layer in one mosaic; wheel to zoom, drag to pan,
click a tile to see that channel large, hover to read values.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Kernels&lt;/b&gt;: the selected convolution&apos;s filters, in Keras&apos;s (kh, kw, in, out) or the
book&apos;s (out, in, kh, kw) layout.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Export&lt;/b&gt;: File ▸ Save view as PNG (Ctrl+S), Edit ▸ Copy view (Ctrl+Shift+C).&lt;/li&gt;
&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;cnn-explorer&lt;/h3&gt;
&lt;p&gt;逐层查看卷积神经网络对一张图像做了什么。&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;图像&lt;/b&gt;：把图像文件拖到窗口上，使用“文件 ▸ 打开图像”（Ctrl+O），粘贴一张
（Ctrl+V），或点击一张示例图像。载入的图像会保留在底部的图像栏中。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;模型&lt;/b&gt;：在工具栏中选择一个模型。预训练模型的权重只需下载一次
（可以取消）。“文件 ▸ 打开模型文件…”可打开你自己的 &lt;code&gt;.keras&lt;/code&gt; 或
&lt;code&gt;.h5&lt;/code&gt; 文件。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;层&lt;/b&gt;：点击形状流中的一行，或在特征图中用 ↑/↓ 逐层切换，在任何地方都可用
Page Up/Page Down。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;特征图&lt;/b&gt;：该层的所有通道拼成一幅图；滚轮缩放，拖动平移，
点击图块放大查看该通道，悬停可读取数值。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;卷积核&lt;/b&gt;：所选卷积层的滤波器，可按 Keras 的 (kh, kw, in, out) 或
教材的 (out, in, kh, kw) 布局显示。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;导出&lt;/b&gt;：“文件 ▸ 将视图保存为 PNG”（Ctrl+S），“编辑 ▸ 复制视图”（Ctrl+Shift+C）。&lt;/li&gt;
&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Expected {expected}.</source>
        <translation>应为 {expected}。</translation>
    </message>
    <message>
        <source>Received: {received}.</source>
        <translation>实际收到：{received}。</translation>
    </message>
    <message>
        <source>cnn-explorer: unexpected error</source>
        <translation>cnn-explorer：意外错误</translation>
    </message>
    <message>
        <source>This is a bug in cnn-explorer. The window stays usable; the details below are also in the log.</source>
        <translation>这是 cnn-explorer 的一个程序错误。窗口仍可继续使用；下面的详细信息也已写入日志。</translation>
    </message>
    <message>
        <source>This model file contains code</source>
        <translation>此模型文件包含代码</translation>
    </message>
    <message>
        <source>This file contains code (for example a Lambda layer) that would run on your computer when it is loaded. Allow it?</source>
        <translation>此文件包含代码（例如 Lambda 层），加载时会在你的计算机上运行。是否允许？</translation>
    </message>
    <message>
        <source>Only allow files you made yourself or trust.</source>
        <translation>只允许你自己制作或信任的文件。</translation>
    </message>
    <message>
        <source>Allow and load</source>
        <translation>允许并加载</translation>
    </message>
    <message>
        <source>Don&apos;t load</source>
        <translation>不加载</translation>
    </message>
    <message>
        <source>Weights could not be had</source>
        <translation>无法获得权重</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Use untrained weights</source>
        <translation>使用未训练的权重</translation>
    </message>
    <message>
        <source>Pick a weights file…</source>
        <translation>选择权重文件…</translation>
    </message>
    <message>
        <source>About cnn-explorer</source>
        <translation>关于 cnn-explorer</translation>
    </message>
    <message>
        <source>&lt;b&gt;cnn-explorer&lt;/b&gt;: see what a convolutional neural network does to an image.</source>
        <translation>&lt;b&gt;cnn-explorer&lt;/b&gt;：看看卷积神经网络对一张图像做了什么。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>cnn-explorer help</source>
        <translation>cnn-explorer 帮助</translation>
    </message>
</context>
<context>
    <name>ShapeFlowView</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>计算式</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>感受野</translation>
    </message>
    <message>
        <source>no arithmetic</source>
        <translation>无计算式</translation>
    </message>
    <message>
        <source>Block {name}: select to see its output</source>
        <translation>模块 {name}：选中以查看其输出</translation>
    </message>
    <message>
        <source>Fold all blocks</source>
        <translation>折叠所有模块</translation>
    </message>
    <message>
        <source>Unfold all blocks</source>
        <translation>展开所有模块</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Every channel of the selected layer&apos;s output</source>
        <translation>所选层输出的每一个通道</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>The selected convolution&apos;s learned filters</source>
        <translation>所选卷积层学到的滤波器</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Which parts of the image made the model choose a class</source>
        <translation>图像的哪些部分让模型选择了某个类别</translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation>结构图</translation>
    </message>
    <message>
        <source>The architecture as a graph: branches, merges, skips and blocks</source>
        <translation>以图的形式展示网络结构：分支、合并、跳跃连接和模块</translation>
    </message>
    <message>
        <source>Loaded images: click one to run it</source>
        <translation>已载入的图像：点击一张即可运行</translation>
    </message>
    <message>
        <source>Sample images shipped with the app: click one to load it</source>
        <translation>程序自带的示例图像：点击一张即可载入</translation>
    </message>
    <message>
        <source>Shape flow</source>
        <translation>形状流</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <source>The device TensorFlow computes on</source>
        <translation>TensorFlow 进行计算所用的设备</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open images…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>Open one or more image files</source>
        <translation>打开一个或多个图像文件</translation>
    </message>
    <message>
        <source>Open &amp;model file…</source>
        <translation>打开模型文件(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a .keras or .h5 model saved with Keras</source>
        <translation>打开用 Keras 保存的 .keras 或 .h5 模型</translation>
    </message>
    <message>
        <source>&amp;Save view as PNG…</source>
        <translation>将视图保存为 PNG(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the feature maps or kernels on screen as a PNG</source>
        <translation>将屏幕上的特征图或卷积核保存为 PNG</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close cnn-explorer</source>
        <translation>关闭 cnn-explorer</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <source>Load the image on the clipboard</source>
        <translation>载入剪贴板中的图像</translation>
    </message>
    <message>
        <source>&amp;Copy view</source>
        <translation>复制视图(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the feature maps or kernels on screen to the clipboard</source>
        <translation>将屏幕上的特征图或卷积核复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;Next layer</source>
        <translation>下一层(&amp;N)</translation>
    </message>
    <message>
        <source>Show the next layer&apos;s output</source>
        <translation>显示下一层的输出</translation>
    </message>
    <message>
        <source>&amp;Previous layer</source>
        <translation>上一层(&amp;P)</translation>
    </message>
    <message>
        <source>Show the previous layer&apos;s output</source>
        <translation>显示上一层的输出</translation>
    </message>
    <message>
        <source>cnn-explorer &amp;help</source>
        <translation>cnn-explorer 帮助(&amp;H)</translation>
    </message>
    <message>
        <source>How to use the window</source>
        <translation>如何使用本窗口</translation>
    </message>
    <message>
        <source>&amp;About cnn-explorer</source>
        <translation>关于 cnn-explorer(&amp;A)</translation>
    </message>
    <message>
        <source>Versions of the app, TensorFlow, Keras, Qt and the device</source>
        <translation>本程序、TensorFlow、Keras、Qt 的版本和计算设备</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Put every panel back where it starts, at its first size</source>
        <translation>把所有面板放回初始位置，恢复初始大小</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Applied when cnn-explorer starts again</source>
        <translation>重新启动 cnn-explorer 后生效</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;amples</source>
        <translation>示例图像(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
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
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>No samples</source>
        <translation>没有示例图像</translation>
    </message>
</context>
</TS>
