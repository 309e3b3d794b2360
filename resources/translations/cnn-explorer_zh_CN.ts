<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AugmentPanel</name>
    <message>
        <source>Photos: flip, rotation, contrast</source>
        <translation>照片：翻转、旋转、对比度</translation>
    </message>
    <message>
        <source>Digits: rotation, shifts, zoom</source>
        <translation>数字：旋转、平移、缩放</translation>
    </message>
    <message>
        <source>AlexNet: flip, shifts up to 1/8</source>
        <translation>AlexNet：翻转、最多 1/8 的平移</translation>
    </message>
    <message>
        <source>Roll again</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <source>Press Roll again to augment the current image</source>
        <translation>按“重新抽样”对当前图像做数据增强</translation>
    </message>
    <message>
        <source>{count} samples, roll {seed}</source>
        <translation>{count} 个样本，第 {seed} 次抽样</translation>
    </message>
</context>
<context>
    <name>BudgetActions</name>
    <message>
        <source>Activation memory: {size}.</source>
        <translation>激活内存：{size}。</translation>
    </message>
    <message>
        <source>{model}&apos;s activations ({size}) exceed a tenth of the {budget} activation budget: layers are computed around the selection.</source>
        <translation>{model} 的激活（{size}）超过了 {budget} 激活预算的十分之一：只计算所选层附近的层。</translation>
    </message>
    <message>
        <source>Computing {path}… {model}&apos;s layers are computed on demand: all of them exceed the activation budget.</source>
        <translation>正在计算 {path}… {model} 的层按需计算：全部层超出了激活预算。</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Activation memory</source>
        <translation>激活内存</translation>
    </message>
    <message>
        <source>Automatic ({size})</source>
        <translation>自动（{size}）</translation>
    </message>
    <message>
        <source>The most memory the layer outputs of one image may take in the engine (its cache, the copies the window shows and TensorFlow&apos;s own while a layer is computed). A model whose outputs take more than a tenth of it keeps its outputs and the layers around the selected one; other layers are computed when you select them.</source>
        <translation>一张图像的各层输出在引擎中最多可占用的内存（包括其缓存、窗口显示的副本，以及计算某层时 TensorFlow 自身占用的内存）。若模型的各层输出超过其十分之一，则只保留模型的输出和所选层附近的层；其他层在选中时再计算。</translation>
    </message>
    <message>
        <source>This computer has {ram} of memory; automatic is a quarter of it, at most 2 GB ({size}).</source>
        <translation>这台电脑有 {ram} 内存；自动取其四分之一，最多 2 GB（{size}）。</translation>
    </message>
    <message>
        <source>an unknown amount</source>
        <translation>未知大小的</translation>
    </message>
</context>
<context>
    <name>CensusActions</name>
    <message>
        <source>Starting the census…</source>
        <translation>正在开始普查…</translation>
    </message>
    <message>
        <source>Census of {data} through {model} into {folder}…</source>
        <translation>正在用 {model} 普查 {data}，结果写入 {folder}…</translation>
    </message>
    <message>
        <source>Cannot read {file}: {error}</source>
        <translation>无法读取 {file}：{error}</translation>
    </message>
    <message>
        <source>, {rate} images/s</source>
        <translation>，每秒 {rate} 张</translation>
    </message>
    <message>
        <source>, {eta} s left</source>
        <translation>，剩余 {eta} 秒</translation>
    </message>
    <message>
        <source>Census stopped after {n} images; Resume goes on.</source>
        <translation>普查在 {n} 张图像后停止；“继续”可接着做。</translation>
    </message>
    <message>
        <source>Census of {n} images ready in {folder}.</source>
        <translation>{n} 张图像的普查已完成，保存在 {folder}。</translation>
    </message>
</context>
<context>
    <name>CensusView</name>
    <message>
        <source>fashion-mnist, mnist, or a folder of images (with one sub-folder per class for accuracy)</source>
        <translation>fashion-mnist、mnist，或一个图像文件夹（每类一个子文件夹时可算准确率）</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Run census</source>
        <translation>开始普查</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>前几名</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>零值</translation>
    </message>
    <message>
        <source>Saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>死通道</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>No census yet: choose a data set and press Run census, or open a census folder.</source>
        <translation>还没有普查：选择数据集并点击“开始普查”，或打开一个普查文件夹。</translation>
    </message>
    <message>
        <source>Images for the census</source>
        <translation>用于普查的图像</translation>
    </message>
    <message>
        <source>Open a census folder</source>
        <translation>打开普查文件夹</translation>
    </message>
    <message>
        <source>{images} of {total} images of {data} through {model}</source>
        <translation>{data} 的 {total} 张图像中已有 {images} 张经过 {model}</translation>
    </message>
    <message>
        <source>accuracy {accuracy}</source>
        <translation>准确率 {accuracy}</translation>
    </message>
    <message>
        <source>{rate} images/s</source>
        <translation>每秒 {rate} 张</translation>
    </message>
    <message>
        <source>untrained weights: the statistics describe random filters</source>
        <translation>未训练的权重：这些统计描述的是随机滤波器</translation>
    </message>
    <message>
        <source>stopped part-way: Resume goes on from image {next}</source>
        <translation>中途停止：“继续”从第 {next} 张图像接着做</translation>
    </message>
    <message>
        <source>The census has no statistics for {layer}: pick a layer with channels.</source>
        <translation>普查中没有 {layer} 的统计：请选择有通道的层。</translation>
    </message>
    <message>
        <source>{layer}: {channels} channels, {dead} dead (zero on every image)</source>
        <translation>{layer}：{channels} 个通道，{dead} 个死通道（在每张图像上都为零）</translation>
    </message>
    <message>
        <source>no saturation: {activation} has no upper bound</source>
        <translation>无饱和：{activation} 没有上界</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>死通道</translation>
    </message>
    <message>
        <source>channel {c}</source>
        <translation>通道 {c}</translation>
    </message>
    <message>
        <source>channel {c} · dead</source>
        <translation>通道 {c} · 死通道</translation>
    </message>
    <message>
        <source>{image}: {value} at row {row}, column {col}</source>
        <translation>{image}：第 {row} 行第 {col} 列为 {value}</translation>
    </message>
</context>
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
    <name>ClassesPage</name>
    <message>
        <source>Click a cell to list its images.</source>
        <translation>点击一个格子，列出其中的图像。</translation>
    </message>
    <message>
        <source>No confusion matrix: the images have no labels, or the model is not a classifier.</source>
        <translation>没有混淆矩阵：图像没有标签，或模型不是分类器。</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted. Click a cell to list its images.</source>
        <translation>行：真实类别；列：预测类别。点击一个格子，列出其中的图像。</translation>
    </message>
    <message>
        <source>true {true} → predicted {predicted}: {count} images</source>
        <translation>真实 {true} → 预测 {predicted}：{count} 张图像</translation>
    </message>
    <message>
        <source>True {true}, predicted {predicted}: {count} images{more}</source>
        <translation>真实 {true}，预测 {predicted}：{count} 张图像{more}</translation>
    </message>
    <message>
        <source> (the first {n} shown)</source>
        <translation>（显示前 {n} 张）</translation>
    </message>
</context>
<context>
    <name>ColorBar</name>
    <message>
        <source>Colour scale: which colour means which value</source>
        <translation>色标：哪种颜色代表哪个数值</translation>
    </message>
</context>
<context>
    <name>CompareActions</name>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>One layer of two images, or of two models, side by side with their difference</source>
        <translation>两张图像或两个模型的同一层并排显示，并给出差值</translation>
    </message>
    <message>
        <source>Choose what side B is: another model (for a fine-tuned copy or untrained weights) or another image.</source>
        <translation>请选择 B 侧：另一个模型（微调后的副本或未训练的权重）或另一张图像。</translation>
    </message>
    <message>
        <source>Loading {name} for side B…</source>
        <translation>正在为 B 侧加载 {name}…</translation>
    </message>
    <message>
        <source>Compare with a Keras model</source>
        <translation>与 Keras 模型比较</translation>
    </message>
    <message>
        <source>Side B&apos;s image was removed: choose another image, or another model.</source>
        <translation>B 侧的图像已被移除：请另选一张图像，或另一个模型。</translation>
    </message>
    <message>
        <source>Side B: {model}.</source>
        <translation>B 侧：{model}。</translation>
    </message>
    <message>
        <source>{path} has no counterpart in B (no layer with its path, nor one in its place with its shape).</source>
        <translation>{path} 在 B 中没有对应层（没有相同路径的层，也没有位置和形状相同的层）。</translation>
    </message>
    <message>
        <source>Computing {path}… the layers exceed the activation budget: they are computed around the selection.</source>
        <translation>正在计算 {path}… 层的激活超出了激活预算：只计算所选层附近的层。</translation>
    </message>
    <message>
        <source>No output for {path}.</source>
        <translation>{path} 没有输出。</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Another image:</source>
        <translation>另一张图像：</translation>
    </message>
    <message>
        <source>Another model:</source>
        <translation>另一个模型：</translation>
    </message>
    <message>
        <source>Side B: a second image through the same model</source>
        <translation>B 侧：第二张图像，经过同一个模型</translation>
    </message>
    <message>
        <source>Side B: the same image through a second model (a fine-tuned copy, other weights)</source>
        <translation>B 侧：同一张图像，经过第二个模型（微调后的副本、其他权重）</translation>
    </message>
    <message>
        <source>its own weights</source>
        <translation>自带权重</translation>
    </message>
    <message>
        <source>untrained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>Model file…</source>
        <translation>模型文件…</translation>
    </message>
    <message>
        <source>Compare with a .keras or .h5 file (e.g. one made by cnn-explorer finetune)</source>
        <translation>与 .keras 或 .h5 文件比较（例如 cnn-explorer finetune 生成的文件）</translation>
    </message>
    <message>
        <source>one scale</source>
        <translation>同一色标</translation>
    </message>
    <message>
        <source>one scale, signed</source>
        <translation>同一色标，带符号</translation>
    </message>
    <message>
        <source>A and B share one colour scale: min–max over both, or ±max|x| around 0</source>
        <translation>A 与 B 共用一个色标：两者合起来的最小–最大值，或以 0 为中心的 ±max|x|</translation>
    </message>
    <message>
        <source>B is</source>
        <translation>B 为</translation>
    </message>
    <message>
        <source>A − B (red: A larger, blue: B larger)</source>
        <translation>A − B（红：A 较大，蓝：B 较大）</translation>
    </message>
    <message>
        <source>Cosine similarity of each channel of A and B: blue the same, white unrelated, red opposite</source>
        <translation>A 与 B 每个通道的余弦相似度：蓝色相同，白色无关，红色相反</translation>
    </message>
    <message>
        <source>Choose what side B is: another model or another image.</source>
        <translation>请选择 B 侧：另一个模型或另一张图像。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predictions&lt;/b&gt;</source>
        <translation>&lt;b&gt;预测&lt;/b&gt;</translation>
    </message>
    <message>
        <source>same path</source>
        <translation>相同路径</translation>
    </message>
    <message>
        <source>same place and shape</source>
        <translation>相同位置和形状</translation>
    </message>
    <message>
        <source>{names} · {type} · matched by {how} · A {shape_a}, B {shape_b}</source>
        <translation>{names} · {type} · 按{how}配对 · A {shape_a}，B {shape_b}</translation>
    </message>
    <message>
        <source>A − B (red: A larger, blue: B larger) · max |A − B| {value}</source>
        <translation>A − B（红：A 较大，蓝：B 较大）· 最大 |A − B| {value}</translation>
    </message>
    <message>
        <source>A − B: the shapes differ, no difference to take</source>
        <translation>A − B：形状不同，无法求差</translation>
    </message>
    <message>
        <source>cosine of the whole output: {value}</source>
        <translation>整个输出的余弦相似度：{value}</translation>
    </message>
    <message>
        <source>cosine per channel: mean {mean}, lowest {low} · most changed: {changed}</source>
        <translation>每通道余弦相似度：平均 {mean}，最低 {low} · 变化最大：{changed}</translation>
    </message>
    <message>
        <source>channel {channel} · row {row}, col {col}: A = {a}, B = {b}, A − B = {diff}</source>
        <translation>通道 {channel} · 第 {row} 行，第 {col} 列：A = {a}，B = {b}，A − B = {diff}</translation>
    </message>
    <message>
        <source>channel {channel}: cosine {value}</source>
        <translation>通道 {channel}：余弦相似度 {value}</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Report: running {image}</source>
        <translation>报告：正在运行 {image}</translation>
    </message>
    <message>
        <source>Report: feature maps of {layer}</source>
        <translation>报告：{layer} 的特征图</translation>
    </message>
    <message>
        <source>Report: {method} of {image}</source>
        <translation>报告：{image} 的 {method}</translation>
    </message>
    <message>
        <source>Report: writing the page</source>
        <translation>报告：正在写入页面</translation>
    </message>
    <message>
        <source>{where} is a folder, not an image file</source>
        <translation>{where} 是文件夹，不是图像文件</translation>
    </message>
    <message>
        <source>Choose an image file (PNG, JPEG, BMP, GIF, WebP, TIFF) inside it</source>
        <translation>请选择其中的一个图像文件（PNG、JPEG、BMP、GIF、WebP、TIFF）</translation>
    </message>
    <message>
        <source>{label} is too large to open safely: it declares {declared}, over the limit of {limit}</source>
        <translation>{label} 太大，无法安全打开：它声明的尺寸为 {declared}，超过了 {limit} 的上限</translation>
    </message>
    <message>
        <source>Scale the image down (e.g. to a few thousand pixels a side) and open the smaller copy</source>
        <translation>请先缩小图像（例如每边几千像素），再打开缩小后的副本</translation>
    </message>
    <message>
        <source>{label} is damaged or not a valid image</source>
        <translation>{label} 已损坏或不是有效的图像</translation>
    </message>
    <message>
        <source>Open it in an image viewer to check it, or export it again as PNG</source>
        <translation>请用图像查看器打开检查，或重新导出为 PNG</translation>
    </message>
    <message>
        <source>Not enough memory to decode {label}</source>
        <translation>内存不足，无法解码 {label}</translation>
    </message>
    <message>
        <source>Close other programs or scale the image down first</source>
        <translation>请关闭其他程序，或先缩小图像</translation>
    </message>
    <message>
        <source>{label} is truncated (the file ends too early)</source>
        <translation>{label} 不完整（文件提前结束）</translation>
    </message>
    <message>
        <source>Download or export the file again</source>
        <translation>请重新下载或导出该文件</translation>
    </message>
    <message>
        <source>{path} is empty (0 bytes)</source>
        <translation>{path} 是空文件（0 字节）</translation>
    </message>
    <message>
        <source>The file was not saved or downloaded completely; get it again</source>
        <translation>该文件没有完整保存或下载；请重新获取</translation>
    </message>
    <message>
        <source>{where} is not a regular file (a device, pipe or socket)</source>
        <translation>{where} 不是普通文件（而是设备、管道或套接字）</translation>
    </message>
    <message>
        <source>Choose an image file</source>
        <translation>请选择一个图像文件</translation>
    </message>
    <message>
        <source>Image file not found: {where}</source>
        <translation>找不到图像文件：{where}</translation>
    </message>
    <message>
        <source>Check the path and the spelling of the file name</source>
        <translation>请检查路径和文件名的拼写</translation>
    </message>
    <message>
        <source>Permission denied reading {where}</source>
        <translation>没有读取 {where} 的权限</translation>
    </message>
    <message>
        <source>Make the file readable (e.g. chmod +r) or copy it somewhere you can read</source>
        <translation>请让该文件可读（例如 chmod +r），或把它复制到你能读取的位置</translation>
    </message>
    <message>
        <source>Cannot open {where}</source>
        <translation>无法打开 {where}</translation>
    </message>
    <message>
        <source>Check the path and that the disk is readable</source>
        <translation>请检查路径以及磁盘是否可读</translation>
    </message>
    <message>
        <source>{label} is not an image Pillow can read</source>
        <translation>{label} 不是 Pillow 能读取的图像</translation>
    </message>
    <message>
        <source>Choose a PNG, JPEG, BMP, GIF, WebP or TIFF file</source>
        <translation>请选择 PNG、JPEG、BMP、GIF、WebP 或 TIFF 文件</translation>
    </message>
    <message>
        <source>{label} declares an empty size ({width}×{height})</source>
        <translation>{label} 声明的尺寸为空（{width}×{height}）</translation>
    </message>
    <message>
        <source>Choose another image</source>
        <translation>请选择另一张图像</translation>
    </message>
    <message>
        <source>The colour mode {mode} cannot be converted to RGB</source>
        <translation>颜色模式 {mode} 无法转换为 RGB</translation>
    </message>
    <message>
        <source>Re-save the image as an RGB PNG or JPEG</source>
        <translation>请把图像重新保存为 RGB 的 PNG 或 JPEG</translation>
    </message>
    <message>
        <source>The model does not take images</source>
        <translation>该模型不接收图像</translation>
    </message>
    <message>
        <source>Open a model whose input is (height, width, channels)</source>
        <translation>请打开输入为（高, 宽, 通道）的模型</translation>
    </message>
    <message>
        <source>There is no file {path}</source>
        <translation>没有文件 {path}</translation>
    </message>
    <message>
        <source>Check the path</source>
        <translation>请检查路径</translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file</source>
        <translation>{path} 是文件夹，不是模型文件</translation>
    </message>
    <message>
        <source>Pick a .keras or .h5 file (SavedModel folders are not supported by Keras 3; re-save the model as .keras)</source>
        <translation>请选择 .keras 或 .h5 文件（Keras 3 不支持 SavedModel 文件夹；请把模型重新保存为 .keras）</translation>
    </message>
    <message>
        <source>{file} is not a Keras model file</source>
        <translation>{file} 不是 Keras 模型文件</translation>
    </message>
    <message>
        <source>Pick a .keras or .h5 file</source>
        <translation>请选择 .keras 或 .h5 文件</translation>
    </message>
    <message>
        <source>{file} is damaged or not a Keras 3 model (not a zip archive)</source>
        <translation>{file} 已损坏或不是 Keras 3 模型（不是 zip 压缩包）</translation>
    </message>
    <message>
        <source>Save the model again with model.save(&apos;name.keras&apos;)</source>
        <translation>请用 model.save(&apos;name.keras&apos;) 重新保存模型</translation>
    </message>
    <message>
        <source>{file} is damaged or not an HDF5 model file</source>
        <translation>{file} 已损坏或不是 HDF5 模型文件</translation>
    </message>
    <message>
        <source>Save the model again with model.save(&apos;name.h5&apos;)</source>
        <translation>请用 model.save(&apos;name.h5&apos;) 重新保存模型</translation>
    </message>
    <message>
        <source>The model has {count} inputs; this app feeds one image</source>
        <translation>该模型有 {count} 个输入；本程序只输入一张图像</translation>
    </message>
    <message>
        <source>Open a model with a single image input</source>
        <translation>请打开只有一个图像输入的模型</translation>
    </message>
    <message>
        <source>The model has no input shape: it was saved before it was built</source>
        <translation>该模型没有输入形状：它在构建之前就被保存了</translation>
    </message>
    <message>
        <source>Give the model an Input layer (or call it once on a batch) and save it again</source>
        <translation>请给模型加上 Input 层（或先在一个批次上调用一次），然后重新保存</translation>
    </message>
    <message>
        <source>The model takes a vector of {count} values, which is no image size</source>
        <translation>该模型接收 {count} 个值的向量，这不是任何图像的尺寸</translation>
    </message>
    <message>
        <source>Open a model whose input is an image, or a flattened square image (H·W or H·W·3 values)</source>
        <translation>请打开输入为图像、或展平的正方形图像（H·W 或 H·W·3 个值）的模型</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions</source>
        <translation>请检查文件权限</translation>
    </message>
    <message>
        <source>The model&apos;s input is not a grey or colour image</source>
        <translation>该模型的输入不是灰度或彩色图像</translation>
    </message>
    <message>
        <source>Open a model that takes grey (1 channel) or RGB (3 channels) images, channels last</source>
        <translation>请打开接收灰度（1 通道）或 RGB（3 通道）图像、通道在最后的模型</translation>
    </message>
    <message>
        <source>{file} has a {layer_type} layer with an argument this version of Keras does not know: {argument}</source>
        <translation>{file} 有一个 {layer_type} 层，其参数是此版本 Keras 不认识的：{argument}</translation>
    </message>
    <message>
        <source>Re-save the model with the Keras version it was made with, as model.save(&apos;name.keras&apos;)</source>
        <translation>请用制作该模型的 Keras 版本把它重新保存为 model.save(&apos;name.keras&apos;)</translation>
    </message>
    <message>
        <source>{file} needs the custom {kind} {name}, which this app does not know</source>
        <translation>{file} 需要自定义的 {kind} {name}，本程序不认识它</translation>
    </message>
    <message>
        <source>Re-save the model without custom layers, or load it in Python with the class registered (keras.saving.register_keras_serializable)</source>
        <translation>请不带自定义层重新保存模型，或在 Python 中注册该类后加载（keras.saving.register_keras_serializable）</translation>
    </message>
    <message>
        <source>{file} could not be rebuilt: it uses classes or code this app does not have</source>
        <translation>{file} 无法重建：它用到了本程序没有的类或代码</translation>
    </message>
    <message>
        <source>Re-save the model with standard Keras layers</source>
        <translation>请用标准 Keras 层重新保存模型</translation>
    </message>
    <message>
        <source>{file} could not be loaded: {reason}</source>
        <translation>{file} 无法加载：{reason}</translation>
    </message>
    <message>
        <source>Check that the file is a complete Keras model saved with model.save()</source>
        <translation>请确认该文件是用 model.save() 保存的完整 Keras 模型</translation>
    </message>
    <message>
        <source>Could not download {file} from {url}: {reason}</source>
        <translation>无法从 {url} 下载 {file}：{reason}</translation>
    </message>
    <message>
        <source>Check the network and try again (the window has a Retry button), or fetch the file yourself and put it in {folder}; or go on without it: choose untrained weights (on the command line --weights untrained) or a weights file of your own</source>
        <translation>请检查网络后重试（窗口中有“重试”按钮），或自行获取该文件并放到 {folder}；也可以不用它继续：选择未训练权重（命令行中用 --weights untrained）或你自己的权重文件</translation>
    </message>
    <message>
        <source>Download of {file} cancelled</source>
        <translation>{file} 的下载已取消</translation>
    </message>
    <message>
        <source>Nothing was kept; fetch it again later or put the file in {folder} yourself</source>
        <translation>未保留任何内容；请稍后重新获取，或自行把文件放到 {folder}</translation>
    </message>
    <message>
        <source>Weights file {path} does not exist</source>
        <translation>权重文件 {path} 不存在</translation>
    </message>
    <message>
        <source>Pick an existing weights file, or use untrained weights</source>
        <translation>请选择一个存在的权重文件，或使用未训练权重</translation>
    </message>
    <message>
        <source>Cannot read weights from {file}</source>
        <translation>无法从 {file} 读取权重</translation>
    </message>
    <message>
        <source>Save weights with model.save_weights() or model.save()</source>
        <translation>请用 model.save_weights() 或 model.save() 保存权重</translation>
    </message>
    <message>
        <source>{file} does not fit {model}: not one layer took its weights (the first, &apos;{layer}&apos;, did not)</source>
        <translation>{file} 与 {model} 不匹配：没有一层接受了它的权重（第一层 &apos;{layer}&apos; 就没有）</translation>
    </message>
    <message>
        <source>Pick weights saved from the same architecture, or use untrained weights</source>
        <translation>请选择从同一架构保存的权重，或使用未训练权重</translation>
    </message>
    <message>
        <source>Could not load weights from {path}: {reason}</source>
        <translation>无法从 {path} 加载权重：{reason}</translation>
    </message>
    <message>
        <source>None of the layers in {file} match {model}&apos;s layers by name and shape</source>
        <translation>{file} 中没有任何层在名称和形状上与 {model} 的层匹配</translation>
    </message>
    <message>
        <source>Pick weights saved from the same architecture</source>
        <translation>请选择从同一架构保存的权重</translation>
    </message>
    <message>
        <source>Building {model} cancelled</source>
        <translation>{model} 的构建已取消</translation>
    </message>
    <message>
        <source>Keras could not build {model}: {reason}</source>
        <translation>Keras 无法构建 {model}：{reason}</translation>
    </message>
    <message>
        <source>Report this with your TensorFlow and Keras versions</source>
        <translation>请附上你的 TensorFlow 和 Keras 版本报告此问题</translation>
    </message>
    <message>
        <source>The engine stopped while {doing}: {cause}</source>
        <translation>引擎停止了（当时正在{doing}）：{cause}</translation>
    </message>
    <message>
        <source>loading {model} to compare</source>
        <translation>加载用于对比的 {model}</translation>
    </message>
    <message>
        <source>loading {model}</source>
        <translation>加载 {model}</translation>
    </message>
    <message>
        <source>running a dataset census with {model}</source>
        <translation>用 {model} 做数据集普查</translation>
    </message>
    <message>
        <source>running {image} through {model}</source>
        <translation>把 {image} 送入 {model}</translation>
    </message>
    <message>
        <source>computing layers of {image} in {model}</source>
        <translation>计算 {image} 在 {model} 中的层</translation>
    </message>
    <message>
        <source>explaining {image} with {model}</source>
        <translation>用 {model} 解释 {image}</translation>
    </message>
    <message>
        <source>inspecting a unit of {model}</source>
        <translation>查看 {model} 的一个单元</translation>
    </message>
    <message>
        <source>visualising a channel of {model}</source>
        <translation>可视化 {model} 的一个通道</translation>
    </message>
    <message>
        <source>comparing two models on {image}</source>
        <translation>在 {image} 上对比两个模型</translation>
    </message>
    <message>
        <source>training a model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>setting the activation memory</source>
        <translation>设置激活内存</translation>
    </message>
    <message>
        <source>waiting for work</source>
        <translation>等待任务</translation>
    </message>
    <message>
        <source>fetching kernels of {model}</source>
        <translation>读取 {model} 的卷积核</translation>
    </message>
    <message>
        <source>laying out the diagram of {model}</source>
        <translation>排布 {model} 的结构图</translation>
    </message>
    <message>
        <source>opening a census</source>
        <translation>打开普查</translation>
    </message>
    <message>
        <source>drawing census thumbnails for {model}</source>
        <translation>为 {model} 绘制普查缩略图</translation>
    </message>
    <message>
        <source>starting up</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>reading images</source>
        <translation>读取图像</translation>
    </message>
    <message>
        <source>previewing augmentations</source>
        <translation>预览数据增强</translation>
    </message>
    <message>
        <source>saving a trained model</source>
        <translation>保存训练好的模型</translation>
    </message>
    <message>
        <source>reading a training recipe</source>
        <translation>读取训练配方</translation>
    </message>
    <message>
        <source>writing a report on {model}</source>
        <translation>撰写 {model} 的报告</translation>
    </message>
    <message>
        <source>answering &apos;{request}&apos; for {model}</source>
        <translation>为 {model} 处理“{request}”请求</translation>
    </message>
    <message>
        <source>answering &apos;{request}&apos;</source>
        <translation>处理“{request}”请求</translation>
    </message>
    <message>
        <source>it stopped answering</source>
        <translation>它不再响应</translation>
    </message>
    <message>
        <source>it was killed ({signal}); when nobody killed it by hand, the system ran out of memory</source>
        <translation>它被终止（{signal}）；如果不是有人手动终止，那就是系统内存不足</translation>
    </message>
    <message>
        <source>it crashed ({signal}) inside a native library</source>
        <translation>它在本地库中崩溃（{signal}）</translation>
    </message>
    <message>
        <source>it was ended by {signal}</source>
        <translation>它被 {signal} 结束</translation>
    </message>
    <message>
        <source>it exited with status {code}</source>
        <translation>它以状态 {code} 退出</translation>
    </message>
    <message>
        <source>A new engine is starting and reloading {model}. If it happens again, try a smaller memory budget (Edit ▸ Activation memory…), a smaller image or another model</source>
        <translation>新的引擎正在启动并重新加载 {model}。如果再次发生，请尝试更小的内存预算（编辑 ▸ 激活内存…）、更小的图像或其他模型</translation>
    </message>
    <message>
        <source>A new engine is starting. If it happens again, try a smaller memory budget (Edit ▸ Activation memory…), a smaller image or another model</source>
        <translation>新的引擎正在启动。如果再次发生，请尝试更小的内存预算（编辑 ▸ 激活内存…）、更小的图像或其他模型</translation>
    </message>
    <message>
        <source>Reloading the engine&apos;s state: {doing}…</source>
        <translation>正在恢复引擎的状态：{doing}…</translation>
    </message>
    <message>
        <source>Keras could not load {path} into {model}: {reason}</source>
        <translation>Keras 无法把 {path} 加载到 {model}：{reason}</translation>
    </message>
    <message>
        <source>Delete {path} so it is fetched again from {url}, or choose untrained weights or a local weights file</source>
        <translation>请删除 {path} 以便从 {url} 重新获取，或选择未训练权重或本地权重文件</translation>
    </message>
    <message>
        <source>{file} was saved by Keras {version}, and opening Keras 2 files needs the tf_keras package</source>
        <translation>{file} 由 Keras {version} 保存，打开 Keras 2 文件需要 tf_keras 包</translation>
    </message>
    <message>
        <source>pip install tf-keras (it comes with cnn-explorer&apos;s own install)</source>
        <translation>pip install tf-keras（cnn-explorer 的安装本身会带上它）</translation>
    </message>
    <message>
        <source>{file} (saved by Keras {version}) was rebuilt in Keras 3, but the rebuilt model computes something else (outputs differ by {difference})</source>
        <translation>{file}（由 Keras {version} 保存）已在 Keras 3 中重建，但重建后的模型算出的结果不同（输出相差 {difference}）</translation>
    </message>
    <message>
        <source>Re-save the model with Keras 3 (model.save(&apos;model.keras&apos;)) and open that file</source>
        <translation>请用 Keras 3 重新保存模型（model.save(&apos;model.keras&apos;)）并打开那个文件</translation>
    </message>
    <message>
        <source>{file} contains code (a Lambda layer or custom Python) that would run when it is loaded, so it was not loaded</source>
        <translation>{file} 含有加载时会运行的代码（Lambda 层或自定义 Python），因此没有加载</translation>
    </message>
    <message>
        <source>Only if you trust where the file came from, allow it (the window asks; on the command line pass --allow-unsafe)</source>
        <translation>只有在你信任该文件的来源时才允许它（窗口会询问；命令行中请传 --allow-unsafe）</translation>
    </message>
    <message>
        <source>No model is loaded yet</source>
        <translation>尚未加载模型</translation>
    </message>
    <message>
        <source>Pick a model in the model picker first</source>
        <translation>请先在模型选择器中选择一个模型</translation>
    </message>
    <message>
        <source>Cancelled by the user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <source>This model has no ReLU activations, so guided backpropagation has nothing to guide</source>
        <translation>该模型没有 ReLU 激活，引导反向传播无从引导</translation>
    </message>
    <message>
        <source>Use saliency or SmoothGrad for this model instead</source>
        <translation>请对该模型改用显著图或 SmoothGrad</translation>
    </message>
    <message>
        <source>Explanation cancelled</source>
        <translation>解释已取消</translation>
    </message>
    <message>
        <source>The model has {classes} classes; there is no class {index}</source>
        <translation>该模型有 {classes} 个类别；没有类别 {index}</translation>
    </message>
    <message>
        <source>Pick a class from 0 to {last}</source>
        <translation>请选择 0 到 {last} 之间的类别</translation>
    </message>
    <message>
        <source>The layer &apos;{path}&apos; has no spatial output (its output is {shape})</source>
        <translation>层 &apos;{path}&apos; 没有空间输出（它的输出是 {shape}）</translation>
    </message>
    <message>
        <source>Pick a convolution or pooling layer with a height and width</source>
        <translation>请选择有高和宽的卷积层或池化层</translation>
    </message>
    <message>
        <source>This model has no layer with spatial output to map</source>
        <translation>该模型没有可供绘制的空间输出层</translation>
    </message>
    <message>
        <source>Use a gradient method (saliency, SmoothGrad) or occlusion</source>
        <translation>请使用梯度方法（显著图、SmoothGrad）或遮挡法</translation>
    </message>
    <message>
        <source>The layer &apos;{path}&apos; has no channel {channel}</source>
        <translation>层 &apos;{path}&apos; 没有通道 {channel}</translation>
    </message>
    <message>
        <source>Pick a channel from 0 to {last}</source>
        <translation>请选择 0 到 {last} 之间的通道</translation>
    </message>
    <message>
        <source>The arithmetic of a {name} layer is not written out</source>
        <translation>{name} 层的计算过程无法写出</translation>
    </message>
    <message>
        <source>Pick a convolution, pooling, normalisation, dense, activation or merge layer</source>
        <translation>请选择卷积、池化、归一化、全连接、激活或合并层</translation>
    </message>
    <message>
        <source>The layer &apos;{path}&apos; has no unit at ({row}, {col})</source>
        <translation>层 &apos;{path}&apos; 在 ({row}, {col}) 处没有单元</translation>
    </message>
    <message>
        <source>Pick a row from 0 to {last_row} and a column from 0 to {last_col}</source>
        <translation>请选择 0 到 {last_row} 之间的行和 0 到 {last_col} 之间的列</translation>
    </message>
    <message>
        <source>The layer &apos;{path}&apos; has no spatial output, so its units have no box in the image</source>
        <translation>层 &apos;{path}&apos; 没有空间输出，因此它的单元在图像中没有对应的框</translation>
    </message>
    <message>
        <source>Pick a convolution or pooling layer</source>
        <translation>请选择卷积层或池化层</translation>
    </message>
    <message>
        <source>The box of a unit of &apos;{path}&apos; ({type}) cannot be told: a transposed convolution, up-sampling or reshape lies on its path</source>
        <translation>无法确定 &apos;{path}&apos;（{type}）单元的框：其路径上有转置卷积、上采样或变形</translation>
    </message>
    <message>
        <source>Pick an earlier layer</source>
        <translation>请选择更靠前的层</translation>
    </message>
    <message>
        <source>The layer &apos;{path}&apos; ({type}) has no convolution kernels</source>
        <translation>层 &apos;{path}&apos;（{type}）没有卷积核</translation>
    </message>
    <message>
        <source>Pick a Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D or Conv2DTranspose layer</source>
        <translation>请选择 Conv1D、Conv2D、DepthwiseConv2D、SeparableConv2D 或 Conv2DTranspose 层</translation>
    </message>
    <message>
        <source>The layer &apos;{path}&apos; has 3-D kernels, which cannot be shown as images</source>
        <translation>层 &apos;{path}&apos; 的卷积核是三维的，无法显示为图像</translation>
    </message>
    <message>
        <source>Pick a 1-D or 2-D convolution</source>
        <translation>请选择一维或二维卷积</translation>
    </message>
    <message>
        <source>The model&apos;s output is not a vector of class scores</source>
        <translation>该模型的输出不是类别得分向量</translation>
    </message>
    <message>
        <source>Top-K needs a classifier (one score per class); the feature maps still work</source>
        <translation>Top-K 需要分类器（每个类别一个得分）；特征图仍然可用</translation>
    </message>
    <message>
        <source>The class names do not match the model&apos;s outputs</source>
        <translation>类别名称与模型的输出不一致</translation>
    </message>
    <message>
        <source>Use the class list the model was trained with</source>
        <translation>请使用训练该模型时所用的类别列表</translation>
    </message>
    <message>
        <source>A vector layer&apos;s units see the whole image.</source>
        <translation>向量层的单元看到的是整张图像。</translation>
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
    <name>ExportActions</name>
    <message>
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write one HTML page about the model and the current image: card, pipeline, layer table, feature maps, kernels, predictions, explanation; it prints on A4</source>
        <translation>把模型和当前图像写成一个 HTML 页面：模型卡片、预处理流程、层表、特征图、卷积核、预测和解释图；可按 A4 打印</translation>
    </message>
    <message>
        <source>Export &amp;activations</source>
        <translation>导出激活值(&amp;A)</translation>
    </message>
    <message>
        <source>All layers (.npz)…</source>
        <translation>所有层 (.npz)…</translation>
    </message>
    <message>
        <source>Selected layer (.npz)…</source>
        <translation>所选层 (.npz)…</translation>
    </message>
    <message>
        <source>The current image&apos;s layer outputs as numbers, keyed by layer path (as cnn-explorer activations --format npy writes them)</source>
        <translation>当前图像各层输出的数值，以层路径为键（与 cnn-explorer activations --format npy 写出的相同）</translation>
    </message>
    <message>
        <source>Load a model and an image first.</source>
        <translation>请先载入模型和图像。</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML page (*.html)</source>
        <translation>HTML 页面 (*.html)</translation>
    </message>
    <message>
        <source>Writing the report to {path}…</source>
        <translation>正在把报告写入 {path}…</translation>
    </message>
    <message>
        <source>Report written: {path} ({size}, {count} pictures)</source>
        <translation>报告已写入：{path}（{size}，{count} 张图）</translation>
    </message>
    <message>
        <source>No activations yet: open an image and a model first.</source>
        <translation>还没有激活值：请先打开图像和模型。</translation>
    </message>
    <message>
        <source>Select a layer first.</source>
        <translation>请先选择一层。</translation>
    </message>
    <message>
        <source>Export activations</source>
        <translation>导出激活值</translation>
    </message>
    <message>
        <source>NumPy archive (*.npz)</source>
        <translation>NumPy 归档 (*.npz)</translation>
    </message>
    <message>
        <source>Saved {count} layer output(s) to {path}</source>
        <translation>已把 {count} 个层输出保存到 {path}</translation>
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
        <source>Drawing {path} failed: {error}</source>
        <translation>绘制 {path} 失败：{error}</translation>
    </message>
    <message>
        <source>each tile
its own
range</source>
        <translation>每块
各自的
范围</translation>
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
    <name>FeatvisCell</name>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>optimising…</source>
        <translation>正在优化…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>FeatvisView</name>
    <message>
        <source>Channels of the selected layer</source>
        <translation>所选层的通道</translation>
    </message>
    <message>
        <source>Classes of the output</source>
        <translation>输出的类别</translation>
    </message>
    <message>
        <source>Visualise the selected layer&apos;s channels, or the classes the model tells apart (their scores before softmax)</source>
        <translation>可视化所选层的通道，或模型区分的类别（softmax 之前的得分）</translation>
    </message>
    <message>
        <source>first {count}</source>
        <translation>前 {count} 个</translation>
    </message>
    <message>
        <source>How many channels or classes to show</source>
        <translation>显示多少个通道或类别</translation>
    </message>
    <message>
        <source>{steps} steps</source>
        <translation>{steps} 步</translation>
    </message>
    <message>
        <source>Gradient-ascent steps per image: more is sharper and slower</source>
        <translation>每张图像的梯度上升步数：越多越清晰，也越慢</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>The random start: the same seed gives the same image</source>
        <translation>随机起点：相同的种子得到相同的图像</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Optimise the images (finished ones are kept on disk)</source>
        <translation>优化图像（完成的图像保存在磁盘上）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Select a layer to see what its channels look for</source>
        <translation>选择一个层，查看其通道在寻找什么</translation>
    </message>
    <message>
        <source>Load a model first</source>
        <translation>请先加载模型</translation>
    </message>
    <message>
        <source>The model&apos;s output is not a vector of class scores</source>
        <translation>模型的输出不是类别得分向量</translation>
    </message>
    <message>
        <source>The layer {layer} has no channels to visualise; pick a convolution, pooling or dense layer</source>
        <translation>层 {layer} 没有可可视化的通道；请选择卷积层、池化层或全连接层</translation>
    </message>
    <message>
        <source>class {index}: {name}</source>
        <translation>类别 {index}：{name}</translation>
    </message>
    <message>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
    <message>
        <source>channel {index}</source>
        <translation>通道 {index}</translation>
    </message>
    <message>
        <source>What the classes&apos; scores look for: inputs optimised by gradient ascent ({steps} steps each)</source>
        <translation>各类别得分在寻找什么：用梯度上升优化的输入（每张 {steps} 步）</translation>
    </message>
    <message>
        <source>What channels of {layer} look for: inputs that maximise each channel&apos;s mean ({steps} steps each)</source>
        <translation>{layer} 的通道在寻找什么：使每个通道均值最大的输入（每张 {steps} 步）</translation>
    </message>
    <message>
        <source>{done} of {total} shown.</source>
        <translation>已显示 {done} / {total}。</translation>
    </message>
    <message>
        <source>{kind} {value} after {steps} steps; {seconds} s</source>
        <translation>{steps} 步后 {kind} 为 {value}；{seconds} 秒</translation>
    </message>
    <message>
        <source>(from the disk cache)</source>
        <translation>（来自磁盘缓存）</translation>
    </message>
    <message>
        <source>always zero: no gradient to follow</source>
        <translation>始终为零：没有可沿之上升的梯度</translation>
    </message>
    <message>
        <source>image {index} of {count}: %p%</source>
        <translation>第 {index} / {count} 张：%p%</translation>
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
    <message>
        <source>grey = 0
per filter</source>
        <translation>灰色 = 0
逐个滤波器</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>en</source>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>LiveInput</name>
    <message>
        <source>&amp;Camera</source>
        <translation>摄像头(&amp;C)</translation>
    </message>
    <message>
        <source>Camera (none found)</source>
        <translation>摄像头（未找到）</translation>
    </message>
    <message>
        <source>Run the camera&apos;s frames through the model, live</source>
        <translation>将摄像头的画面实时送入模型</translation>
    </message>
    <message>
        <source>No camera was found on this computer</source>
        <translation>这台电脑上没有找到摄像头</translation>
    </message>
    <message>
        <source>Open &amp;video…</source>
        <translation>打开视频(&amp;V)…</translation>
    </message>
    <message>
        <source>Run a video file&apos;s frames through the model</source>
        <translation>将视频文件的画面逐帧送入模型</translation>
    </message>
    <message>
        <source>Live input needs Qt Multimedia (pip install PySide6-Addons)</source>
        <translation>实时输入需要 Qt Multimedia（pip install PySide6-Addons）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Freeze this frame as an ordinary image (added to the images); press again to go on</source>
        <translation>将当前帧定格为普通图像（加入图像列表）；再按一次继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End the live input, keeping the last frame</source>
        <translation>结束实时输入，保留最后一帧</translation>
    </message>
    <message>
        <source>Frames shown per second, and frames skipped because the model was still busy</source>
        <translation>每秒显示的帧数，以及因模型仍忙而跳过的帧数</translation>
    </message>
    <message>
        <source>Open a video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Videos ({patterns})</source>
        <translation>视频（{patterns}）</translation>
    </message>
    <message>
        <source>No camera was found on this computer.</source>
        <translation>这台电脑上没有找到摄像头。</translation>
    </message>
    <message>
        <source>Live: {source}</source>
        <translation>实时：{source}</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>{source} frame {number}</source>
        <translation>{source} 第 {number} 帧</translation>
    </message>
    <message>
        <source>{rate} frames/s · {skipped} skipped</source>
        <translation>{rate} 帧/秒 · 跳过 {skipped} 帧</translation>
    </message>
    <message>
        <source>Live input failed: {reason}</source>
        <translation>实时输入失败：{reason}</translation>
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
        <source>Load a model first</source>
        <translation>请先加载模型</translation>
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
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Explaining {image} with {method}…</source>
        <translation>正在用 {method} 解释 {image}…</translation>
    </message>
    <message>
        <source>{count} file(s) could not be read.</source>
        <translation>有 {count} 个文件无法读取。</translation>
    </message>
    <message>
        <source>Removed {image}.</source>
        <translation>已移除 {image}。</translation>
    </message>
    <message>
        <source>No image: open one (Ctrl+O), drop one here or pick a sample.</source>
        <translation>没有图像：打开一张（Ctrl+O）、拖放到这里，或选择一个示例。</translation>
    </message>
    <message>
        <source>Pick a weights file</source>
        <translation>选择权重文件</translation>
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
        <source>Find a model…</source>
        <translation>查找模型…</translation>
    </message>
    <message>
        <source>Type part of a model&apos;s name, then pick it from the list</source>
        <translation>输入模型名称的一部分，然后从列表中选择</translation>
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
        <source>Expected {expected}.</source>
        <translation>应为 {expected}。</translation>
    </message>
    <message>
        <source>Received: {received}.</source>
        <translation>实际收到：{received}。</translation>
    </message>
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
&lt;li&gt;&lt;b&gt;Why and what for&lt;/b&gt;: Explain shows which pixels made the model choose a class (click a
prediction bar to explain that class); a click on a feature-map tile opens the Unit panel (where
the unit looks, how its value was computed); What it looks for optimises an image for each
channel or class; Diagram draws the architecture.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Census&lt;/b&gt;: a whole data set through the model: each channel&apos;s statistics and strongest
images, dead channels, the confusion matrix; click an image to open it at its unit.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Compare&lt;/b&gt;: one layer of two images, or of two models (e.g. untrained weights or a
fine-tuned copy), side by side with their difference.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Train&lt;/b&gt;: Model ▸ Train… (Ctrl+T) trains in a window of its own, with the curves, the
first kernels and the feature maps redrawn as it learns.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Live input&lt;/b&gt;: File ▸ Camera or File ▸ Open video…; Pause keeps the frame as an
image.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Export&lt;/b&gt;: File ▸ Save view as PNG (Ctrl+S), Edit ▸ Copy view (Ctrl+Shift+C),
File ▸ Export report… (one HTML page), File ▸ Export activations (.npz).&lt;/li&gt;
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
&lt;li&gt;&lt;b&gt;为什么、找什么&lt;/b&gt;：“解释”显示哪些像素让模型选了某个类别（点击预测条可解释该类别）；
点击特征图图块会打开“单元”面板（该单元看哪里、它的值如何算出）；“它在寻找什么”为每个通道或类别
优化出一张图像；“结构图”画出网络结构。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;普查&lt;/b&gt;：整个数据集经过模型：每个通道的统计和最强图像、死通道、混淆矩阵；
点击图像可在其单元处打开它。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;比较&lt;/b&gt;：两张图像或两个模型（例如未训练的权重或微调后的副本）的同一层并排显示，
并给出差异。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;训练&lt;/b&gt;：“模型 ▸ 训练…”（Ctrl+T）在单独的窗口中训练，边学边重绘曲线、第一层卷积核和特征图。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;实时输入&lt;/b&gt;：“文件 ▸ 摄像头”或“文件 ▸ 打开视频…”；暂停会把当前帧保留为一张图像。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;导出&lt;/b&gt;：“文件 ▸ 将视图保存为 PNG”（Ctrl+S），“编辑 ▸ 复制视图”（Ctrl+Shift+C），
“文件 ▸ 导出报告…”（一个 HTML 页面），“文件 ▸ 导出激活值”（.npz）。&lt;/li&gt;
&lt;/ul&gt;</translation>
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
    <name>ProbePanel</name>
    <message>
        <source>The layer whose feature maps are drawn</source>
        <translation>显示其特征图的层</translation>
    </message>
    <message>
        <source>Use current image</source>
        <translation>使用当前图像</translation>
    </message>
    <message>
        <source>Probe the image shown in the main window</source>
        <translation>探测主窗口中显示的图像</translation>
    </message>
    <message>
        <source>Start a run to see its feature maps</source>
        <translation>开始训练以查看特征图</translation>
    </message>
    <message>
        <source>{layer}: {count} channels</source>
        <translation>{layer}：{count} 个通道</translation>
    </message>
</context>
<context>
    <name>RunForm</name>
    <message>
        <source>Code-built model (new weights)</source>
        <translation>代码构建的模型（新权重）</translation>
    </message>
    <message>
        <source>Bundled model (continue training)</source>
        <translation>内置模型（继续训练）</translation>
    </message>
    <message>
        <source>ImageNet base (fine-tune)</source>
        <translation>ImageNet 基础模型（微调）</translation>
    </message>
    <message>
        <source>fashion-mnist, mnist, a folder of IDX .gz files, or a folder with one sub-folder of images per class</source>
        <translation>fashion-mnist、mnist、IDX .gz 文件的文件夹，或每个类别一个子文件夹的图像文件夹</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Train on a random subset of this many images (faster)</source>
        <translation>只用这么多张随机抽取的图像训练（更快）</translation>
    </message>
    <message>
        <source>Phase 2: epochs with the top of the base unfrozen, at a 10× lower learning rate</source>
        <translation>第 2 阶段：解冻基础模型顶部后的轮数，学习率降低 10 倍</translation>
    </message>
    <message>
        <source>Share of the base&apos;s layers, from the top, trained in phase 2</source>
        <translation>第 2 阶段训练的基础模型层所占比例（从顶部算起）</translation>
    </message>
    <message>
        <source>optimiser&apos;s default</source>
        <translation>优化器默认值</translation>
    </message>
    <message>
        <source>Kernels and feature maps are redrawn every this many batches</source>
        <translation>每隔这么多批次重绘卷积核和特征图</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Fine-tune epochs</source>
        <translation>微调轮数</translation>
    </message>
    <message>
        <source>Unfreeze</source>
        <translation>解冻</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Redraw every</source>
        <translation>重绘间隔</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop now; the model keeps its best epoch&apos;s weights</source>
        <translation>立即停止；模型保留最佳一轮的权重</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the model (best epoch) as .keras with its model card; it then opens in the main window</source>
        <translation>将模型（最佳一轮）连同模型卡保存为 .keras；随后在主窗口中打开</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Augmentation: {kind}</source>
        <translation>数据增强：{kind}</translation>
    </message>
    <message>
        <source>flip, rotation 0.05, contrast 0.2</source>
        <translation>翻转、旋转 0.05、对比度 0.2</translation>
    </message>
    <message>
        <source>rotation, shifts, zoom</source>
        <translation>旋转、平移、缩放</translation>
    </message>
    <message>
        <source>flip, shifts up to 1/8 (AlexNet)</source>
        <translation>翻转、最多 1/8 的平移（AlexNet）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>A folder of class sub-folders or IDX files</source>
        <translation>含类别子文件夹或 IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>{title} on {data}: {train} training and {val} validation images, {batches} batches an epoch.</source>
        <translation>{title}，数据 {data}：{train} 张训练图像、{val} 张验证图像，每轮 {batches} 个批次。</translation>
    </message>
    <message>
        <source>base frozen</source>
        <translation>基础模型冻结</translation>
    </message>
    <message>
        <source>top unfrozen, rate ÷ 10</source>
        <translation>顶部解冻，学习率 ÷ 10</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>{phase}: {params} trainable</source>
        <translation>{phase}：{params} 个可训练参数</translation>
    </message>
    <message>
        <source>{epoch} of {epochs}, batch {batch}</source>
        <translation>第 {epoch}/{epochs} 轮，批次 {batch}</translation>
    </message>
    <message>
        <source>{speed} images/s</source>
        <translation>{speed} 张/秒</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>epoch {epoch}, validation accuracy {accuracy}</source>
        <translation>第 {epoch} 轮，验证准确率 {accuracy}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>{head}: the model holds epoch {epoch} (validation accuracy {accuracy}). Save it to open it in the main window.</source>
        <translation>{head}：模型保留第 {epoch} 轮的权重（验证准确率 {accuracy}）。保存后可在主窗口中打开。</translation>
    </message>
    <message>
        <source>{head} before the first epoch ended.</source>
        <translation>{head}：第一轮尚未结束。</translation>
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
    <name>ThumbnailStrip</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>TrainingActions</name>
    <message>
        <source>&amp;Train…</source>
        <translation>训练(&amp;T)…</translation>
    </message>
    <message>
        <source>Train or fine-tune a model and watch its curves, kernels and feature maps change</source>
        <translation>训练或微调模型，观察曲线、卷积核和特征图的变化</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <source>training (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>TrainingWindow</name>
    <message>
        <source>Train a model — cnn-explorer</source>
        <translation>训练模型 — cnn-explorer</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>The probe image&apos;s feature maps of the chosen layer, redrawn as the network trains</source>
        <translation>探测图像在所选层的特征图，随网络训练重绘</translation>
    </message>
    <message>
        <source>The seed&apos;s augmentation applied to the current image (the same layers training uses)</source>
        <translation>对当前图像应用课程中的数据增强（与训练所用的层相同）</translation>
    </message>
    <message>
        <source>Preparing {model}…</source>
        <translation>正在准备 {model}…</translation>
    </message>
    <message>
        <source>Open an image in the main window first</source>
        <translation>请先在主窗口中打开一张图像</translation>
    </message>
    <message>
        <source>Save the trained model</source>
        <translation>保存训练好的模型</translation>
    </message>
    <message>
        <source>Keras model (*.keras)</source>
        <translation>Keras 模型 (*.keras)</translation>
    </message>
    <message>
        <source>this model has no convolution</source>
        <translation>此模型没有卷积层</translation>
    </message>
    <message>
        <source>Saved {path} and its model card.</source>
        <translation>已保存 {path} 及其模型卡。</translation>
    </message>
    <message>
        <source>Discard this training run?</source>
        <translation>放弃这次训练？</translation>
    </message>
    <message>
        <source>The trained model has not been saved.</source>
        <translation>训练好的模型尚未保存。</translation>
    </message>
    <message>
        <source>Save it first to open it later in the model picker.</source>
        <translation>先保存，以后即可在模型选择器中打开。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>best epoch {epoch}: validation accuracy {accuracy}, {speed} images/s, {time}</source>
        <translation>最佳第 {epoch} 轮：验证准确率 {accuracy}，{speed} 张/秒，{time}</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <source>Click a pixel of a feature map to pick a unit</source>
        <translation>点击特征图上的一个像素来选择单元</translation>
    </message>
    <message>
        <source>Fed to the model</source>
        <translation>输入模型的图像</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>How this unit&apos;s value was computed from its input</source>
        <translation>这个单元的值是如何由其输入算出的</translation>
    </message>
    <message>
        <source>channel {channel}</source>
        <translation>通道 {channel}</translation>
    </message>
    <message>
        <source>channel {channel} at ({row}, {col})</source>
        <translation>通道 {channel}，位置 ({row}, {col})</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>Receptive field {height}×{width}: rows {top}…{bottom}, columns {left}…{right} of the fed image</source>
        <translation>感受野 {height}×{width}：输入图像的第 {top}…{bottom} 行、第 {left}…{right} 列</translation>
    </message>
    <message>
        <source>part of it is padding (dashed)</source>
        <translation>其中一部分是填充（虚线）</translation>
    </message>
    <message>
        <source>it also depends on the whole image through a global-pooling branch</source>
        <translation>它还通过一个全局池化分支依赖整张图像</translation>
    </message>
    <message>
        <source>heat: the effective field, |∂unit/∂pixel|</source>
        <translation>热度：有效感受野，|∂单元/∂像素|</translation>
    </message>
    <message>
        <source>{first}; {then}</source>
        <translation>{first}；{then}</translation>
    </message>
    <message>
        <source>{sentence}.</source>
        <translation>{sentence}。</translation>
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
        <source>What it looks for</source>
        <translation>它在寻找什么</translation>
    </message>
    <message>
        <source>Images optimised to excite the selected layer&apos;s channels, or the classes</source>
        <translation>经过优化、能激发所选层的通道或各类别的图像</translation>
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
        <source>Census</source>
        <translation>普查</translation>
    </message>
    <message>
        <source>A whole data set through the model: each channel&apos;s statistics and top images, the confusion matrix</source>
        <translation>整个数据集经过模型：每个通道的统计和最强图像，以及混淆矩阵</translation>
    </message>
    <message>
        <source>Loaded images: click one to run it; right-click or Delete to remove it</source>
        <translation>已加载的图像：单击运行；右键或按 Delete 移除</translation>
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
        <source>Activation &amp;memory…</source>
        <translation>激活内存(&amp;M)…</translation>
    </message>
    <message>
        <source>How much memory the layer outputs of one image may take</source>
        <translation>一张图像的各层输出最多可占用多少内存</translation>
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
